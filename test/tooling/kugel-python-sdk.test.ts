// KugelAudio's official Python SDK against the embedded server (scripts/kugel-python-sdk.py).
// KUGELAUDIO_PY_SDK_DIR names a folder holding the SDK's `kugelaudio` package (PyPI is not reachable
// on the build machine); its dependencies websockets and httpx must be importable (Debian:
// python3-websockets python3-httpx). Skipped, saying why, when either is missing.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useLocalTtsServer } from '../engine/tts/helpers/local-server.js';

const sdkDir = process.env.KUGELAUDIO_PY_SDK_DIR;
const env = { ...process.env, PYTHONPATH: sdkDir ?? '', KUGELAUDIO_TELEMETRY: '0' };
/** pyenv's python3 first, then Debian's, which is where python3-websockets installs. */
const python = [process.env.KUGEL_PYTHON, 'python3', '/usr/bin/python3'].find(
  (p) => p && spawnSync(p, ['-c', 'import kugelaudio, websockets, httpx'], { env, encoding: 'utf8' }).status === 0,
);
const skip = !sdkDir
  ? 'set KUGELAUDIO_PY_SDK_DIR to a folder holding the kugelaudio package'
  : !existsSync(join(sdkDir, 'kugelaudio', 'streaming.py'))
    ? `no kugelaudio/streaming.py under KUGELAUDIO_PY_SDK_DIR=${sdkDir}`
    : !python
      ? 'no Python with kugelaudio, websockets and httpx importable (apt-get install python3-websockets python3-httpx, or set KUGEL_PYTHON)'
      : null;

describe.skipIf(skip !== null)(`official KugelAudio Python SDK${skip ? ` — skipped: ${skip}` : ''}`, () => {
  const local = useLocalTtsServer();
  it('runs single-stream and multi-context sessions with word timestamps, idle cancel, empty flush, update_settings, barge-in, close_socket, bad keys, voices/models and generate with no failure or timeout', async () => {
    // Asynchronous: the server under test runs in this process, a blocking spawn would starve it.
    const run = await new Promise<{ stdout: string; status: number | null }>((resolve) => {
      execFile(python!, ['scripts/kugel-python-sdk.py', `http://127.0.0.1:${local().port}`, local().token], { env, timeout: 110_000 }, (err, stdout) =>
        resolve({ stdout, status: err ? ((err as { code?: number }).code ?? 1) : 0 }),
      );
    });
    expect(run.stdout.split('\n').filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(run.stdout).toContain('ALL OK');
    expect(run.status).toBe(0);
  }, 120_000);
});
