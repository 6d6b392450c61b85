import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlainFileSecretStore } from '../../../electron/services/secrets/plain-file-secret-store.js';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interject-twin-secrets-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('PlainFileSecretStore (browser twin)', () => {
  it('keeps keys in a file only the user can read (0600)', () => {
    const filePath = path.join(dir, 'secrets.json');
    new PlainFileSecretStore(filePath).set('openai', 'sk-twin-abcdef123456');
    expect(fs.statSync(filePath).mode & 0o777).toBe(0o600);
  });

  it('tightens a file that was left readable by others on the next write', () => {
    const filePath = path.join(dir, 'secrets.json');
    fs.writeFileSync(`${filePath}.${process.pid}.tmp`, 'x', { mode: 0o644 });
    new PlainFileSecretStore(filePath).set('openai', 'sk-twin-abcdef123456');
    expect(fs.statSync(filePath).mode & 0o777).toBe(0o600);
  });

  it('says plainly that keys are not encrypted and where they are', () => {
    const filePath = path.join(dir, 'secrets.json');
    const storage = new PlainFileSecretStore(filePath).storage();
    expect(storage.kind).toBe('plain-file');
    expect(storage.description).toContain('unencrypted');
    expect(storage.description).toContain(filePath);
    expect(storage.description).toContain('0600');
  });

  it('reads back, lists and clears keys', () => {
    const store = new PlainFileSecretStore(path.join(dir, 'secrets.json'));
    store.set('openai', 'sk-twin-abcdef123456');
    store.set('elevenlabs', 'el-abcdef');
    expect(store.providers()).toEqual(['elevenlabs', 'openai']);
    expect(store.get('openai')).toBe('sk-twin-abcdef123456');
    store.clear('openai');
    expect(store.providers()).toEqual(['elevenlabs']);
  });
});
