import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nullLogger } from '../../electron/engine/logger.js';

const keychain = vi.hoisted(() => ({ backend: 'gnome_libsecret', available: true }));

vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => keychain.available,
    // Reversible but not readable: enough to prove main routes through safeStorage.
    encryptString: (text: string) => Buffer.from(`enc:${[...text].reverse().join('')}`),
    decryptString: (data: Buffer) => [...data.toString().slice(4)].reverse().join(''),
    getSelectedStorageBackend: () => keychain.backend,
  },
}));

const { createSafeStorageSecretStore } = await import('../../electron/main/secrets.js');

let dir: string | undefined;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  keychain.backend = 'gnome_libsecret';
});

describe('main secret store (safeStorage)', () => {
  it('encrypts through safeStorage into userData/secrets.enc.json', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interject-main-secrets-'));
    const store = createSafeStorageSecretStore(dir, nullLogger);
    store.set('openai', 'sk-main-abcdef0123');
    const onDisk = fs.readFileSync(path.join(dir, 'secrets.enc.json'), 'utf8');
    expect(onDisk).not.toContain('sk-main-abcdef0123');
    expect(store.get('openai')).toBe('sk-main-abcdef0123');
    expect(store.storage()).toMatchObject({ kind: 'encrypted', available: true });
  });

  it.runIf(process.platform === 'linux')('reports Linux without a keyring as unavailable', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interject-main-secrets-'));
    keychain.backend = 'basic_text';
    expect(createSafeStorageSecretStore(dir, nullLogger).storage().available).toBe(false);
  });
});
