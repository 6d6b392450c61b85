/**
 * Where provider API keys live. Main uses the encrypted store (safeStorage); the browser
 * twin uses the plain 0600 file store. Both answer the same interface so the handlers and
 * the engine's providers do not care which; `get()` is for main-side code only and has no
 * IPC channel.
 */
import type { SecretStorage } from '../../contract/index.js';

export interface SecretStore {
  /** How keys are kept, in words the settings panel shows. */
  storage(): SecretStorage;
  set(provider: string, key: string): void;
  clear(provider: string): void;
  /** Providers that have a key, sorted. */
  providers(): string[];
  /** The key, for a provider client in main. Throws `IpcFailure('unavailable')` when it cannot be read back. */
  get(provider: string): string | undefined;
}

/** The part of Electron's `safeStorage` the encrypted store needs (injected, so this stays plain Node). */
export interface Encryptor {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means no OS keyring, i.e. a hard-coded password, i.e. not protection. */
  getSelectedStorageBackend?(): string;
}
