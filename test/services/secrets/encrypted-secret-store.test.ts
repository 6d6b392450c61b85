import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IpcFailure } from '../../../electron/contract/index.js';
import { EncryptedSecretStore } from '../../../electron/services/secrets/encrypted-secret-store.js';
import type { Encryptor } from '../../../electron/services/secrets/secret-store.js';

/** A stand-in for safeStorage: real AES-GCM with a key only this "keychain" holds. */
function keychainEncryptor(overrides: Partial<Encryptor> = {}): Encryptor {
  const keychainKey = randomBytes(32);
  return {
    isEncryptionAvailable: () => true,
    encryptString(text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keychainKey, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(data) {
      const decipher = createDecipheriv('aes-256-gcm', keychainKey, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
    getSelectedStorageBackend: () => 'gnome_libsecret',
    ...overrides,
  };
}

const KEY = 'sk-test-0123456789abcdefghijklmnopqrstuvwxyz';
let dir: string;
let filePath: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interject-secrets-'));
  filePath = path.join(dir, 'secrets.enc.json');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('EncryptedSecretStore', () => {
  it('stores a key encrypted: the file never holds the key, and main reads it back', () => {
    const store = new EncryptedSecretStore({ filePath, encryptor: keychainEncryptor() });
    store.set('openai', KEY);
    const onDisk = fs.readFileSync(filePath, 'utf8');
    expect(onDisk).not.toContain(KEY);
    expect(onDisk).not.toContain(Buffer.from(KEY).toString('base64'));
    expect(store.get('openai')).toBe(KEY);
    expect(store.providers()).toEqual(['openai']);
  });

  it('keeps the file readable by the user only (0600)', () => {
    const store = new EncryptedSecretStore({ filePath, encryptor: keychainEncryptor() });
    store.set('openai', KEY);
    expect(fs.statSync(filePath).mode & 0o777).toBe(0o600);
  });

  it('survives a restart: a new store with the same keychain reads the key', () => {
    const encryptor = keychainEncryptor();
    new EncryptedSecretStore({ filePath, encryptor }).set('deepgram', KEY);
    expect(new EncryptedSecretStore({ filePath, encryptor }).get('deepgram')).toBe(KEY);
  });

  it('clears a key, and clearing a missing key is harmless', () => {
    const store = new EncryptedSecretStore({ filePath, encryptor: keychainEncryptor() });
    store.set('openai', KEY);
    store.set('deepgram', 'dg-key-1234567');
    store.clear('openai');
    store.clear('never-set');
    expect(store.providers()).toEqual(['deepgram']);
    expect(store.get('openai')).toBeUndefined();
  });

  it('refuses to store when the OS keychain is unavailable, saying what to do', () => {
    const store = new EncryptedSecretStore({ filePath, encryptor: keychainEncryptor({ isEncryptionAvailable: () => false }) });
    expect(store.storage()).toMatchObject({ kind: 'encrypted', available: false });
    expect(() => store.set('openai', KEY)).toThrow(IpcFailure);
    expect(() => store.set('openai', KEY)).toThrow(/GNOME Keyring or KWallet/);
    expect(fs.existsSync(filePath)).toBe(false);
  });

  it("refuses Linux's basic_text fallback, which is a fixed password rather than encryption", () => {
    const store = new EncryptedSecretStore({ filePath, encryptor: keychainEncryptor({ getSelectedStorageBackend: () => 'basic_text' }) });
    expect(store.storage().available).toBe(false);
    expect(() => store.set('openai', KEY)).toThrow(/fixed password/);
  });

  it('answers a typed error, not a crash, when a key can no longer be decrypted', () => {
    new EncryptedSecretStore({ filePath, encryptor: keychainEncryptor() }).set('openai', KEY);
    const afterKeychainChange = new EncryptedSecretStore({ filePath, encryptor: keychainEncryptor() });
    expect(() => afterKeychainChange.get('openai')).toThrow(/can no longer be decrypted/);
    try {
      afterKeychainChange.get('openai');
    } catch (error) {
      expect((error as IpcFailure).error.code).toBe('unavailable');
    }
  });

  it('moves a damaged file aside and starts empty', () => {
    fs.writeFileSync(filePath, '{"version":1,"secrets":');
    const store = new EncryptedSecretStore({ filePath, encryptor: keychainEncryptor() });
    expect(store.providers()).toEqual([]);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('secrets.enc.corrupt-'))).toBe(true);
  });
});
