// KugelAudio's official Python SDK against the embedded server (scripts/kugel-python-sdk.py).
// Runs only where `pip install kugelaudio` was possible; skips with the reason otherwise
// (PyPI is not reachable on the build machine).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { useLocalTtsServer } from '../engine/tts/helpers/local-server.js';

const python = process.env.KUGEL_PYTHON ?? 'python3';
const probe = spawnSync(python, ['-c', 'import kugelaudio, websockets'], { encoding: 'utf8' });
const missing = probe.status === 0 ? null : `the kugelaudio Python SDK is not installed for ${python} (pip install kugelaudio, or set KUGEL_PYTHON)`;

describe.skipIf(missing !== null)(`official KugelAudio Python SDK${missing ? ` — skipped: ${missing}` : ''}`, () => {
  const local = useLocalTtsServer();
  it('runs single-stream and multi-context sessions, idle cancel, empty flush, update_settings, close_socket, a bad key and voices.list() with no failure or timeout', () => {
    const run = spawnSync(python, ['scripts/kugel-python-sdk.py', `http://127.0.0.1:${local().port}`, local().token], { encoding: 'utf8', timeout: 110_000 });
    expect(run.stdout).toContain('ALL OK');
    expect(run.status).toBe(0);
  });
});
