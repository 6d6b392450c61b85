/**
 * electron-log set up for the desktop app: one file per process, rotated by size with a
 * few numbered old files kept, and the engine's `Logger` interface on top. No electron import
 * here (electron-log's node and main loggers share this API), so tests use real files.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LogFile, LogFunctions, MainLogger, NodeLogger } from 'electron-log';
import { redact, type LogFields, type Logger } from '../engine/logger.js';

export interface FileLogOptions {
  filePath: string;
  /** 5 MB: hours of debug-level session logs; a size a person can attach to a bug report. */
  maxSizeBytes?: number;
  /** 3 old files: ~20 MB at most on disk, still a few sessions of history. */
  keepOldFiles?: number;
}

export function configureFileLog(log: MainLogger | NodeLogger, options: FileLogOptions): void {
  const keep = options.keepOldFiles ?? 3;
  const file = log.transports.file;
  file.resolvePathFn = () => options.filePath;
  file.maxSize = options.maxSizeBytes ?? 5 * 1024 * 1024;
  file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  file.archiveLogFn = (current: LogFile) => rotate(current.path, keep);
  // Anything that reaches electron-log directly (uncaught errors, libraries) is redacted too.
  log.hooks.push((message) => ({ ...message, data: message.data.map((d) => (typeof d === 'string' ? redact(d) : d)) }));
}

/** main.log → main.1.log → main.2.log ...; the oldest beyond `keep` is deleted. */
export function rotate(filePath: string, keep: number): void {
  const { dir, name, ext } = path.parse(filePath);
  const numbered = (n: number) => path.join(dir, `${name}.${n}${ext}`);
  fs.rmSync(numbered(keep), { force: true });
  for (let n = keep - 1; n >= 1; n--) {
    if (fs.existsSync(numbered(n))) fs.renameSync(numbered(n), numbered(n + 1));
  }
  if (keep >= 1) fs.renameSync(filePath, numbered(1));
  else fs.rmSync(filePath, { force: true });
}

/** The engine's Logger over electron-log (scoped, redacted, fields as JSON). */
export function loggerFromElectronLog(log: LogFunctions): Logger {
  const line = (message: string, fields?: LogFields) => redact(fields ? `${message} ${safeJson(fields)}` : message);
  return {
    debug: (m, f) => log.debug(line(m, f)),
    info: (m, f) => log.info(line(m, f)),
    warn: (m, f) => log.warn(line(m, f)),
    error: (m, f) => log.error(line(m, f)),
  };
}

function safeJson(fields: LogFields): string {
  try {
    return JSON.stringify(fields);
  } catch {
    return '[unserializable fields]';
  }
}
