/**
 * The browser twin's key store: a JSON file with mode 0600 (only this user can read it),
 * not encrypted. The twin is a development and test host; `storage()` says so, and the
 * settings panel shows that sentence.
 */
import type { SecretStorage } from '../../contract/index.js';
import { nullLogger, type Logger } from '../../engine/logger.js';
import { SecretFile } from './secret-file.js';
import type { SecretStore } from './secret-store.js';

export class PlainFileSecretStore implements SecretStore {
  private readonly file: SecretFile;
  private readonly logger: Logger;

  constructor(filePath: string, logger: Logger = nullLogger) {
    this.logger = logger;
    this.file = new SecretFile(filePath, logger);
  }

  storage(): SecretStorage {
    return {
      kind: 'plain-file',
      available: true,
      description: `Browser twin: keys are kept unencrypted in ${this.file.filePath}, readable only by your user (mode 0600). The desktop app encrypts them.`,
    };
  }

  set(provider: string, key: string): void {
    const secrets = this.file.read();
    secrets[provider] = key;
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
    return this.file.read()[provider];
  }
}
