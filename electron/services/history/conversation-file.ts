/**
 * One conversation on disk: a JSON Lines file, appended one record per finished entry, so a
 * crash loses at most the line being written (a torn last line is skipped on reading).
 * A file is untrusted input: symlinks and non-files are refused, size and line counts are
 * capped, and every record is checked against the contract before it is used.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { TranscriptEntrySchema, type ConversationSummary, type TranscriptEntry } from '../../contract/index.js';

/** 20 MB: about a hundred hours of talk; anything bigger is not ours. */
export const MAX_FILE_BYTES = 20_000_000;
/** Entries kept per conversation (the newest); the contract's ceiling. */
export const MAX_ENTRIES = 5000;

const RecordSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), v: z.literal(1), startedAtEpochMs: z.number() }),
  z.object({ type: z.literal('entry'), atEpochMs: z.number(), entry: TranscriptEntrySchema }),
  z.object({ type: z.literal('title'), title: z.string().max(120) }),
]);
export type ConversationRecord = z.infer<typeof RecordSchema>;

export interface ParsedConversation {
  startedAtEpochMs: number;
  updatedAtEpochMs: number;
  /** Wall clock of the first saved entry (engine times restart with every session). */
  firstEntryAtEpochMs: number;
  title: string;
  entries: TranscriptEntry[];
  skippedLines: number;
}

export class HistoryFileError extends Error {}

/** Opens for reading only a regular file (never through a symlink), within the size cap. */
export function readConversationFile(filePath: string): ParsedConversation {
  const stat = fs.lstatSync(filePath);
  if (stat.isSymbolicLink()) throw new HistoryFileError('is a symbolic link; history never follows links.');
  if (!stat.isFile()) throw new HistoryFileError('is not a file.');
  if (stat.size > MAX_FILE_BYTES) throw new HistoryFileError(`is larger than ${MAX_FILE_BYTES / 1e6} MB.`);
  return parseConversation(fs.readFileSync(filePath, 'utf8'), stat.mtimeMs);
}

export function parseConversation(text: string, mtimeMs: number): ParsedConversation {
  const byId = new Map<string, TranscriptEntry>();
  let startedAtEpochMs: number | undefined;
  let updatedAtEpochMs = 0;
  let firstEntryAtEpochMs = Infinity;
  let title = '';
  let skippedLines = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let record: ConversationRecord;
    try {
      const parsed = RecordSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw parsed.error;
      record = parsed.data;
    } catch {
      skippedLines++;
      continue;
    }
    if (record.type === 'start') startedAtEpochMs ??= record.startedAtEpochMs;
    else if (record.type === 'title') title = record.title;
    else {
      // Re-saved entries (the same id) replace the earlier version in place.
      byId.set(record.entry.id, record.entry);
      updatedAtEpochMs = Math.max(updatedAtEpochMs, record.atEpochMs);
      firstEntryAtEpochMs = Math.min(firstEntryAtEpochMs, record.atEpochMs);
      if (byId.size > MAX_ENTRIES) byId.delete(byId.keys().next().value!);
    }
  }
  const entries = [...byId.values()];
  return {
    startedAtEpochMs: startedAtEpochMs ?? mtimeMs,
    updatedAtEpochMs: updatedAtEpochMs || startedAtEpochMs || mtimeMs,
    firstEntryAtEpochMs: Number.isFinite(firstEntryAtEpochMs) ? firstEntryAtEpochMs : updatedAtEpochMs,
    title,
    entries,
    skippedLines,
  };
}

/** Appends one record; creates the file (owner-only) if needed, never through a symlink. */
export function appendRecord(filePath: string, record: ConversationRecord): void {
  const noFollow = fs.constants.O_NOFOLLOW ?? 0;
  const fd = fs.openSync(filePath, fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT | noFollow, 0o600);
  try {
    if (!fs.fstatSync(fd).isFile()) throw new HistoryFileError('is not a file.');
    fs.writeSync(fd, JSON.stringify(record) + '\n');
  } finally {
    fs.closeSync(fd);
  }
}

/** The first words said, as a name for an unnamed conversation. */
export function firstWords(entries: readonly TranscriptEntry[], words = 8): string {
  const first = entries.find((e) => e.speaker === 'user' && e.text.trim()) ?? entries.find((e) => e.text.trim());
  if (!first) return 'Empty conversation';
  const all = first.text.trim().split(/\s+/);
  return all.slice(0, words).join(' ') + (all.length > words ? '…' : '');
}

export function summarize(id: string, c: ParsedConversation): ConversationSummary {
  return {
    id,
    title: (c.title || firstWords(c.entries)).slice(0, 200),
    startedAtEpochMs: c.startedAtEpochMs,
    updatedAtEpochMs: c.updatedAtEpochMs,
    turns: c.entries.length,
    durationMs: Math.max(0, c.updatedAtEpochMs - c.firstEntryAtEpochMs),
    interruptions: c.entries.filter((e) => e.interrupted).length,
  };
}
