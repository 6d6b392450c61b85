/**
 * Keys encrypted at rest with an injected `safeStorage`-like encryptor (the OS keychain on
 * macOS, DPAPI on Windows, the Secret Service / KWallet on Linux). Without a real keyring
 * nothing is stored: Linux's 'basic_text' fallback is a hard-coded password, not protection.
 */
import { IpcFailure, type SecretStorage } from '../../contract/index.js';
import { nullLogger, type Logger } from '../../engine/logger.js';
import { FileSecretStore } from './file-secret-store.js';
import type { Encryptor } from './secret-store.js';

export interface EncryptedSecretStoreOptions {
  filePath: string;
  encryptor: Encryptor;
  logger?: Logger;
}

export class EncryptedSecretStore extends FileSecretStore {
  private readonly encryptor: Encryptor;

  constructor(options: EncryptedSecretStoreOptions) {
    super(options.filePath, options.logger ?? nullLogger);
    this.encryptor = options.encryptor;
  }

  protected keyStorage(): SecretStorage {
    const problem = this.unavailableReason();
    if (problem) return { kind: 'encrypted', available: false, description: problem };
    return { kind: 'encrypted', available: true, description: 'Keys are encrypted with your system keychain and never shown to the window.' };
  }

  protected encode(key: string): string {
    const problem = this.unavailableReason();
    if (problem) throw new IpcFailure({ code: 'unavailable', message: problem });
    return this.encryptor.encryptString(key).toString('base64');
  }

  protected decode(provider: string, stored: string): string {
    try {
      return this.encryptor.decryptString(Buffer.from(stored, 'base64'));
    } catch {
      this.logger.warn('A stored API key could not be decrypted', { provider });
      throw new IpcFailure({
        code: 'unavailable',
        message: `The saved ${provider} key can no longer be decrypted (the system keychain changed). Enter it again.`,
      });
    }
  }

  private unavailableReason(): string | null {
    if (!this.encryptor.isEncryptionAvailable()) {
      return 'Keys cannot be saved: the system keychain is not available. On Linux, install and unlock GNOME Keyring or KWallet.';
    }
    if (this.encryptor.getSelectedStorageBackend?.() === 'basic_text') {
      return 'Keys cannot be saved securely: no system keyring was found (GNOME Keyring or KWallet), so encryption would use a fixed password.';
    }
    return null;
  }
}
