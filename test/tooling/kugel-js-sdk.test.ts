// KugelAudio's official JS SDK against the embedded server (scripts/kugel-js-sdk.ts).
// KUGELAUDIO_JS_SDK_DIR names a folder holding the SDK's package.json and src/ (it is not on the
// npm registry); its `ws` dependency must resolve from there. Skipped, saying why, otherwise.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useLocalTtsServer } from '../engine/tts/helpers/local-server.js';

const sdkDir = process.env.KUGELAUDIO_JS_SDK_DIR;
const wsResolves = (dir: string) => {
  try {
    createRequire(join(dir, 'src', 'client.ts')).resolve('ws');
    return true;
  } catch {
    return false;
  }
};
const skip = !sdkDir
  ? 'set KUGELAUDIO_JS_SDK_DIR to a folder holding the SDK (package.json, src/client.ts and what it imports)'
  : !existsSync(join(sdkDir, 'src', 'client.ts'))
    ? `no src/client.ts under KUGELAUDIO_JS_SDK_DIR=${sdkDir}`
    : !wsResolves(sdkDir)
      ? `the SDK's ws dependency does not resolve from ${sdkDir} (link or install it into ${sdkDir}/node_modules)`
      : null;

describe.skipIf(skip !== null)(`official KugelAudio JS SDK${skip ? ` — skipped: ${skip}` : ''}`, () => {
  const local = useLocalTtsServer();
  it('runs single-stream and multi-context sessions, empty flushes, idle cancel, barge-in, updateSettings, close_socket, bad keys, voices/models and generate with no failure or timeout', async () => {
    // Asynchronous: the server under test runs in this process, a blocking spawn would starve it.
    const run = await new Promise<{ stdout: string; status: number | null }>((resolve) => {
      const args = ['tsx', 'scripts/kugel-js-sdk.ts', sdkDir!, `http://127.0.0.1:${local().port}`, local().token];
      execFile('npx', args, { env: { ...process.env, KUGELAUDIO_TELEMETRY: '0' }, timeout: 110_000 }, (err, stdout) =>
        resolve({ stdout, status: err ? ((err as { code?: number }).code ?? 1) : 0 }),
      );
    });
    expect(run.stdout.split('\n').filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(run.stdout).toContain('ALL OK');
    expect(run.status).toBe(0);
  }, 120_000);
});
