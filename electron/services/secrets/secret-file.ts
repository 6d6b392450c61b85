/**
 * The on-disk map of provider → stored value, shared by both secret stores. Written
 * atomically (temp file + rename) with mode 0600, so only the user can read it and a crash
 * never leaves half a file. A damaged file is moved aside (kept, never parsed into logs).
 * A link, a FIFO, a device or a huge file is neither read nor replaced (guarded-file): no
 * keys, and saving fails `unavailable` with the reason, like a folder that cannot be written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { IpcFailure } from '../../contract/index.js';
import type { Logger } from '../../engine/logger.js';
import { asRefusal, readGuardedFile, removeTempOrphans, writeGuardedFile } from '../files/guarded-file.js';

/** 1 MiB: a key file holds a few hundred bytes per provider. */
const MAX_SECRETS_BYTES = 1024 * 1024;

interface SecretFileContents {
  version: 1;
  secrets: Record<string, string>;
}

export class SecretFile {
  constructor(
    readonly filePath: string,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  read(): Record<string, string> {
    const read = readGuardedFile(this.filePath, MAX_SECRETS_BYTES);
    if (read.kind === 'missing') return {};
    if (read.kind === 'refused') {
      this.refused = read.reason;
      this.logger.warn('The secrets file was not read', { reason: read.reason });
      return {};
    }
    this.refused = undefined;
    const parsed = parse(read.text);
    if (parsed) return parsed.secrets;
    const aside = path.join(path.dirname(this.filePath), `${path.basename(this.filePath, '.json')}.corrupt-${this.now()}.json`);
    try {
      fs.renameSync(this.filePath, aside);
    } catch {
      // Left in place; it will be replaced by the next write.
    }
    this.logger.warn('The secrets file was damaged and was moved aside; keys must be entered again', { movedTo: aside });
    return {};
  }

  /** Why the file is not one we read (a link, a FIFO, a device, too big), or undefined when it is readable or missing. */
  refusal(): string | undefined {
    const read = readGuardedFile(this.filePath, MAX_SECRETS_BYTES);
    return read.kind === 'refused' ? read.reason : undefined;
  }

  /** Set by read() when the file is not one we read (a link, a FIFO...): nothing is written over it. */
  private refused: string | undefined;

  write(secrets: Record<string, string>): void {
    const contents: SecretFileContents = { version: 1, secrets };
    try {
      if (this.refused) throw new Error(this.refused);
      fs.mkdirSync(path.dirname(this.filePath), { recursive: true });
      // secrets.json.tmp-* left by a crash mid-write hold keys: remove them.
      removeTempOrphans(path.dirname(this.filePath), path.basename(this.filePath));
      // Always 0600, even if the file was widened: keys are readable by this user only.
      writeGuardedFile(this.filePath, JSON.stringify(contents), 0o600, { keepMode: false });
    } catch (error) {
      const reason = this.refused ?? asRefusal(error, this.filePath).message;
      throw new IpcFailure({ code: 'unavailable', message: `The key could not be saved: ${reason}` });
    }
  }
}

function parse(text: string): SecretFileContents | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const { version, secrets } = raw as Partial<SecretFileContents>;
  if (version !== 1 || !secrets || typeof secrets !== 'object' || Array.isArray(secrets)) return null;
  const out: Record<string, string> = {};
  for (const [provider, value] of Object.entries(secrets)) {
    if (typeof value !== 'string') return null;
    out[provider] = value;
  }
  return { version: 1, secrets: out };
}
