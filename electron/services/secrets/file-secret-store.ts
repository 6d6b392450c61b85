/**
 * A key store kept in one JSON file (see SecretFile: 0600, atomic writes). The stores differ
 * only in how a key is kept in the file: encrypted (desktop) or as is (browser twin).
 */
import type { SecretStorage } from '../../contract/index.js';
import type { Logger } from '../../engine/logger.js';
import { SecretFile } from './secret-file.js';
import type { SecretStore } from './secret-store.js';

export abstract class FileSecretStore implements SecretStore {
  protected readonly file: SecretFile;

  constructor(
    filePath: string,
    protected readonly logger: Logger,
  ) {
    this.file = new SecretFile(filePath, logger);
  }

  /**
   * How keys are kept. When the key file is one Interject does not read (a link, a FIFO, a
   * huge file...), keys can be neither read nor saved: unavailable, saying why, so the panel
   * does not just show "no keys" (issue 13).
   */
  storage(): SecretStorage {
    const kept = this.keyStorage();
    const refused = this.file.refusal();
    if (!refused) return kept;
    return { ...kept, available: false, description: `Keys cannot be read or saved: ${refused} Move it away and restart Interject.` };
  }

  /** How this store keeps keys when its file is usable. */
  protected abstract keyStorage(): SecretStorage;
  /** The text kept in the file for `key`; throws an IpcFailure when it cannot be kept safely. */
  protected abstract encode(key: string): string;
  /** The key back from the file's text; throws an IpcFailure naming the provider when it cannot. */
  protected abstract decode(provider: string, stored: string): string;

  set(provider: string, key: string): void {
    const encoded = this.encode(key);
    const secrets = this.file.read();
    secrets[provider] = encoded;
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
    return stored === undefined ? undefined : this.decode(provider, stored);
  }
}
