import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../electron/engine/logger.js';
import { createAppServices, type AppServices } from '../../../electron/services/app-services.js';

const KEY = 'sk-proj-SECRETSECRET-0123456789abcdefghij';

function recordingLogger(lines: string[]): Logger {
  const write = (level: string) => (message: string, fields?: object) => void lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

let dir: string;
let logLines: string[];
let services: AppServices;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interject-secrets-ipc-'));
  logLines = [];
  services = createAppServices({ dataDir: dir, logger: recordingLogger(logLines) });
});
afterEach(async () => {
  await services.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('secrets channels', () => {
  it('secrets:set answers set / not set and never the key', async () => {
    const result = await services.registry.handle('secrets:set', { provider: 'openai', key: KEY });
    expect(result).toEqual({
      ok: true,
      value: { providers: [{ provider: 'openai', set: true }], storage: expect.objectContaining({ kind: 'plain-file', available: true }) },
    });
    expect(JSON.stringify(result)).not.toContain(KEY);
    expect(services.secrets.get('openai')).toBe(KEY);
  });

  it('secrets:status lists providers with a key, and secrets:clear forgets one', async () => {
    await services.registry.handle('secrets:set', { provider: 'openai', key: KEY });
    await services.registry.handle('secrets:set', { provider: 'deepgram', key: 'dg-0123456789' });
    await services.registry.handle('secrets:clear', { provider: 'openai' });
    const status = await services.registry.handle('secrets:status', undefined);
    expect(status).toMatchObject({ ok: true, value: { providers: [{ provider: 'deepgram', set: true }] } });
  });

  it('rejects a key with a pasted line break, naming the problem without echoing the key', async () => {
    const result = await services.registry.handle('secrets:set', { provider: 'openai', key: `${KEY}\n` });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_request');
    expect(result.error.message).toContain('line break');
    expect(JSON.stringify(result)).not.toContain(KEY);
  });

  it('rejects a bad provider id', async () => {
    const result = await services.registry.handle('secrets:set', { provider: '../etc/passwd', key: KEY });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request', issues: [{ path: 'provider' }] } });
  });

  it('writes no key to the logs, whatever happens', async () => {
    await services.registry.handle('secrets:set', { provider: 'openai', key: KEY });
    await services.registry.handle('secrets:set', { provider: 'openai', key: `${KEY} ` });
    await services.registry.handle('secrets:clear', { provider: 'openai' });
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(KEY);
  });

  it('keeps keys out of the settings export', async () => {
    await services.registry.handle('secrets:set', { provider: 'openai', key: KEY });
    const exported = await services.registry.handle('settings:export', undefined);
    expect(JSON.stringify(exported)).not.toContain(KEY);
  });
});
