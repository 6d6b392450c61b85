/**
 * The on-disk map of provider → stored value, shared by both secret stores. Written
 * atomically (temp file + rename) with mode 0600, so only the user can read it and a crash
 * never leaves half a file. A damaged file is moved aside (kept, never parsed into logs).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../engine/logger.js';

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
    let text: string;
    try {
      text = fs.readFileSync(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    const parsed = parse(text);
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

  write(secrets: Record<string, string>): void {
    fs.mkdirSync(path.dirname(this.filePath), { recursive: true });
    const contents: SecretFileContents = { version: 1, secrets };
    const temp = `${this.filePath}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(contents), { mode: 0o600 });
    // writeFileSync's mode applies only when creating; a leftover temp file could be wider.
    fs.chmodSync(temp, 0o600);
    fs.renameSync(temp, this.filePath);
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
