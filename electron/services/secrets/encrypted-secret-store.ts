/**
 * Keys encrypted at rest with an injected `safeStorage`-like encryptor (the OS keychain on
 * macOS, DPAPI on Windows, the Secret Service / KWallet on Linux). Without a real keyring
 * nothing is stored: Linux's 'basic_text' fallback is a hard-coded password, not protection.
 */
import { IpcFailure, type SecretStorage } from '../../contract/index.js';
import { nullLogger, type Logger } from '../../engine/logger.js';
import { SecretFile } from './secret-file.js';
import type { Encryptor, SecretStore } from './secret-store.js';

export interface EncryptedSecretStoreOptions {
  filePath: string;
  encryptor: Encryptor;
  logger?: Logger;
}

export class EncryptedSecretStore implements SecretStore {
  private readonly file: SecretFile;
  private readonly encryptor: Encryptor;
  private readonly logger: Logger;

  constructor(options: EncryptedSecretStoreOptions) {
    this.logger = options.logger ?? nullLogger;
    this.file = new SecretFile(options.filePath, this.logger);
    this.encryptor = options.encryptor;
  }

  storage(): SecretStorage {
    const problem = this.unavailableReason();
    if (problem) return { kind: 'encrypted', available: false, description: problem };
    return { kind: 'encrypted', available: true, description: 'Keys are encrypted with your system keychain and never shown to the window.' };
  }

  set(provider: string, key: string): void {
    const problem = this.unavailableReason();
    if (problem) throw new IpcFailure({ code: 'unavailable', message: problem });
    const secrets = this.file.read();
    secrets[provider] = this.encryptor.encryptString(key).toString('base64');
    this.file.write(secrets);
    this.logger.info('API key stored', { provider });
  }

  clear(provider: string): void {
    const secrets = this.file.read();
    if (!(provider in secrets)) return;
    delete secrets[provider];
    this.file.write(secrets);
    this.logger.info('API key cleared', { provider });
  }

  providers(): string[] {
    return Object.keys(this.file.read()).sort();
  }

  get(provider: string): string | undefined {
    const stored = this.file.read()[provider];
    if (stored === undefined) return undefined;
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
