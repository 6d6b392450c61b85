/**
 * The conversations on disk, one JSON Lines file each in the history folder. Deleting moves
 * a file to ".trash" so it can be restored (undo) until the next start-up empties it;
 * conversations older than "keep for N days" are deleted at start-up.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { IpcFailure, type Conversation, type ConversationSummary } from '../../contract/index.js';
import { nullLogger, type Logger } from '../../engine/logger.js';
import { appendRecord, readConversationFile, summarize, type ConversationRecord, type ParsedConversation } from './conversation-file.js';

const EXT = '.jsonl';
const TRASH = '.trash';
/** Files listed at most: a folder someone filled with junk must not stall the list. */
const MAX_FILES = 5000;
const DAY_MS = 86_400_000;

export interface HistoryStoreOptions {
  folder: string;
  now?: () => number;
  logger?: Logger;
}

export class HistoryStore {
  readonly folder: string;
  private readonly now: () => number;
  private readonly logger: Logger;
  private readonly cache = new Map<string, { mtimeMs: number; size: number; parsed: ParsedConversation }>();

  constructor(options: HistoryStoreOptions) {
    this.folder = options.folder;
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? nullLogger;
  }

  /** A new, empty conversation; its file appears with its first record. */
  create(): string {
    const stamp = new Date(this.now()).toISOString().replace(/[:.]/g, '-').replace(/Z$/, '');
    const id = `${stamp}-${randomBytes(3).toString('hex')}`;
    this.append(id, { type: 'start', v: 1, startedAtEpochMs: this.now() });
    return id;
  }

  append(id: string, record: ConversationRecord): void {
    fs.mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    appendRecord(this.file(id), record);
  }

  exists(id: string): boolean {
    return fs.existsSync(this.file(id));
  }

  list(query = ''): ConversationSummary[] {
    const q = query.trim().toLowerCase();
    const out: ConversationSummary[] = [];
    for (const id of this.ids()) {
      const parsed = this.read(id);
      if (!parsed) continue;
      const summary = summarize(id, parsed);
      if (q && !summary.title.toLowerCase().includes(q) && !parsed.entries.some((e) => e.text.toLowerCase().includes(q))) continue;
      out.push(summary);
    }
    return out.sort((a, b) => b.updatedAtEpochMs - a.updatedAtEpochMs);
  }

  get(id: string): Conversation {
    const parsed = this.read(id);
    if (!parsed) throw notFound();
    return { summary: summarize(id, parsed), entries: parsed.entries, skippedLines: parsed.skippedLines };
  }

  rename(id: string, title: string): ConversationSummary {
    if (!this.read(id)) throw notFound();
    this.append(id, { type: 'title', title });
    return this.get(id).summary;
  }

  delete(id: string): boolean {
    if (!this.exists(id)) return false;
    fs.mkdirSync(path.join(this.folder, TRASH), { recursive: true, mode: 0o700 });
    fs.renameSync(this.file(id), path.join(this.folder, TRASH, id + EXT));
    this.cache.delete(id);
    return true;
  }

  restore(id: string): ConversationSummary {
    const trashed = path.join(this.folder, TRASH, id + EXT);
    if (!fs.existsSync(trashed))
      throw new IpcFailure({ code: 'unavailable', message: 'That conversation can no longer be restored (deleted before the app last started).' });
    fs.renameSync(trashed, this.file(id));
    return this.get(id).summary;
  }

  /** Start-up: empty the trash and delete conversations untouched for more than keepDays (0: keep all). */
  tidy(keepDays: number): void {
    fs.rmSync(path.join(this.folder, TRASH), { recursive: true, force: true });
    if (keepDays <= 0) return;
    const cutoff = this.now() - keepDays * DAY_MS;
    for (const id of this.ids()) {
      const parsed = this.read(id);
      if (parsed && parsed.updatedAtEpochMs < cutoff) {
        fs.rmSync(this.file(id), { force: true });
        this.cache.delete(id);
      }
    }
  }

  private ids(): string[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.folder);
    } catch {
      return [];
    }
    return names
      .filter((n) => n.endsWith(EXT) && /^[A-Za-z0-9-]{1,64}$/.test(n.slice(0, -EXT.length)))
      .slice(0, MAX_FILES)
      .map((n) => n.slice(0, -EXT.length));
  }

  /** The parsed file, or undefined (with a log line) when it is missing, refused or unreadable. */
  private read(id: string): ParsedConversation | undefined {
    const file = this.file(id);
    try {
      const stat = fs.lstatSync(file);
      const cached = this.cache.get(id);
      if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.parsed;
      const parsed = readConversationFile(file);
      this.cache.set(id, { mtimeMs: stat.mtimeMs, size: stat.size, parsed });
      return parsed;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.logger.warn('A history file was skipped', { file, reason: (error as Error).message });
      return undefined;
    }
  }

  private file(id: string): string {
    if (!/^[A-Za-z0-9-]{1,64}$/.test(id)) throw new IpcFailure({ code: 'invalid_request', message: 'Not a conversation id.' });
    return path.join(this.folder, id + EXT);
  }
}

function notFound(): IpcFailure {
  return new IpcFailure({ code: 'unavailable', message: 'That conversation is not in the history (deleted, or the history folder changed).' });
}
