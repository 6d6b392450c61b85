/**
 * The browser twin's key store: a JSON file with mode 0600 (only this user can read it),
 * not encrypted. The twin is a development and test host; `storage()` says so, and the
 * settings panel shows that sentence.
 */
import type { SecretStorage } from '../../contract/index.js';
import { nullLogger, type Logger } from '../../engine/logger.js';
import { FileSecretStore } from './file-secret-store.js';

export class PlainFileSecretStore extends FileSecretStore {
  constructor(filePath: string, logger: Logger = nullLogger) {
    super(filePath, logger);
  }

  protected keyStorage(): SecretStorage {
    return {
      kind: 'plain-file',
      available: true,
      description: `Browser twin: keys are kept unencrypted in ${this.file.filePath}, readable only by your user (mode 0600). The desktop app encrypts them.`,
    };
  }

  protected encode(key: string): string {
    return key;
  }

  protected decode(_provider: string, stored: string): string {
    return stored;
  }
}
