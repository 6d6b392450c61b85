/**
 * One HTTP(S) download into a `.partial` file that survives failures: a later call resumes
 * with an HTTP Range request from the bytes already on disk. Follows redirects (GitHub
 * releases and Hugging Face both redirect to a CDN), reports progress, stops at once on
 * abort, and verifies length and (when known) sha256 before saying it is done.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { systemClock, type Clock } from '../clock.js';
import { formatBytes } from './disk-space.js';
import { isNetworkDown, ModelError } from './errors.js';

export interface DownloadProgress {
  receivedBytes: number;
  /** Undefined when the server does not say. */
  totalBytes?: number;
  bytesPerSecond: number;
  /** Undefined until a rate and a total are known. */
  remainingMs?: number;
}

export interface DownloadOptions {
  url: string;
  /** The partial file; kept on interruption so the next attempt resumes. */
  destFile: string;
  expectedSha256?: string;
  signal?: AbortSignal;
  onProgress?: (p: DownloadProgress) => void;
  clock?: Clock;
  /** Progress at most this often: 4 updates a second is smooth for a bar and cheap over IPC. */
  progressIntervalMs?: number;
  /**
   * Called once the server has said how big the file is, before any byte is written; a
   * rejection (e.g. not enough disk space for the real size) stops the download.
   */
  onStart?: (totalBytes: number | undefined, resumeFrom: number) => Promise<void>;
  /** A stalled socket (no bytes at all) for this long counts as a dropped connection. */
  idleTimeoutMs?: number;
}

export interface DownloadResult {
  bytes: number;
  sha256: string;
  /** True when the download continued an earlier partial file. */
  resumed: boolean;
}

// 5 is what browsers and curl's default configurations use; CDNs need 1 or 2.
const MAX_REDIRECTS = 5;

export async function downloadFile(options: DownloadOptions): Promise<DownloadResult> {
  const clock = options.clock ?? systemClock;
  if (options.signal?.aborted) throw cancelled();
  const already = await sizeOf(options.destFile);
  const res = await requestFollowingRedirects(options.url, already, options, MAX_REDIRECTS);

  let startAt = 0;
  let totalBytes: number | undefined;
  if (res.statusCode === 206) {
    const range = parseContentRange(res.headers['content-range']);
    startAt = range?.start === already ? already : 0;
    totalBytes = range?.total;
    if (startAt === 0 && already > 0) {
      // The server resumed from somewhere else: start over rather than splice wrong bytes.
      res.destroy();
      await rm(options.destFile, { force: true });
      return downloadFile(options);
    }
  } else if (res.statusCode === 200) {
    const length = Number(res.headers['content-length']);
    totalBytes = Number.isFinite(length) && length >= 0 ? length : undefined;
  } else if (res.statusCode === 416 && already > 0) {
    // Our partial file is not a prefix the server recognises: throw it away and start over.
    res.resume();
    await rm(options.destFile, { force: true });
    return downloadFile(options);
  } else {
    res.resume();
    throw new ModelError('http', `The download server answered HTTP ${res.statusCode} ${res.statusMessage ?? ''} for ${options.url}.`.replace(/\s+\./, '.'));
  }

  if (options.onStart) {
    try {
      await options.onStart(totalBytes, startAt);
    } catch (e) {
      res.destroy();
      throw e;
    }
  }
  const received = await receiveBody(res, options, clock, startAt, totalBytes);
  if (totalBytes !== undefined && received < totalBytes) {
    throw new ModelError(
      'interrupted',
      `The download stopped after ${formatBytes(received)} of ${formatBytes(totalBytes)}; it will resume from there next time.`,
    );
  }
  const sha256 = await sha256OfFile(options.destFile);
  if (options.expectedSha256 && sha256 !== options.expectedSha256.toLowerCase()) {
    await rm(options.destFile, { force: true });
    throw new ModelError('checksum', `The downloaded file is damaged: its sha256 is ${sha256}, expected ${options.expectedSha256}. It was deleted; try again.`);
  }
  return { bytes: received, sha256, resumed: startAt > 0 };
}

function receiveBody(res: IncomingMessage, options: DownloadOptions, clock: Clock, startAt: number, totalBytes?: number): Promise<number> {
  const intervalMs = options.progressIntervalMs ?? 250;
  const startedMs = clock.nowMs();
  let received = startAt;
  let lastReportMs = -Infinity;
  const report = (force: boolean) => {
    const now = clock.nowMs();
    if (!options.onProgress || (!force && now - lastReportMs < intervalMs)) return;
    lastReportMs = now;
    const elapsedS = Math.max(now - startedMs, 1) / 1000;
    const bytesPerSecond = (received - startAt) / elapsedS;
    const remainingMs = totalBytes !== undefined && bytesPerSecond > 0 ? Math.round(((totalBytes - received) / bytesPerSecond) * 1000) : undefined;
    options.onProgress({ receivedBytes: received, totalBytes, bytesPerSecond, remainingMs });
  };

  return new Promise<number>((resolve, reject) => {
    const out = createWriteStream(options.destFile, { flags: startAt > 0 ? 'a' : 'w' });
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      res.destroy();
      // Close the file before reporting, so a retry or a delete sees all written bytes.
      out.end(() => (error ? reject(error) : resolve(received)));
    };
    const onAbort = () => finish(cancelled());
    options.signal?.addEventListener('abort', onAbort, { once: true });

    res.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (!out.write(chunk)) {
        res.pause();
        out.once('drain', () => res.resume());
      }
      report(false);
    });
    res.on('end', () => {
      report(true);
      finish();
    });
    res.on('aborted', () => finish(dropped(received, totalBytes)));
    res.on('error', () => finish(dropped(received, totalBytes)));
    res.on('close', () => finish(res.complete ? undefined : dropped(received, totalBytes)));
    out.on('error', (e) => finish(new ModelError('disk-space', `Could not write ${options.destFile}: ${e.message}`, { cause: e })));
  });
}

function requestFollowingRedirects(url: string, rangeStart: number, options: DownloadOptions, redirectsLeft: number): Promise<IncomingMessage> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.reject(new ModelError('http', `Not a valid download address: ${url}`));
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return Promise.reject(new ModelError('http', `Downloads must use http or https, not ${parsed.protocol} (${url}).`));
  }
  const client = parsed.protocol === 'https:' ? https : http;
  const headers: Record<string, string> = { 'user-agent': 'Interject model download' };
  if (rangeStart > 0) headers.range = `bytes=${rangeStart}-`;

  return new Promise<IncomingMessage>((resolve, reject) => {
    const onAbort = () => req.destroy(cancelled());
    const req = client.get(parsed, { headers }, (res) => {
      options.signal?.removeEventListener('abort', onAbort);
      const location = res.headers.location;
      if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && location) {
        res.resume();
        if (redirectsLeft <= 0) {
          reject(new ModelError('http', `Too many redirects while downloading ${options.url}.`));
          return;
        }
        resolve(requestFollowingRedirects(new URL(location, parsed).toString(), rangeStart, options, redirectsLeft - 1));
        return;
      }
      res.setTimeout(options.idleTimeoutMs ?? 30_000, () => res.destroy(new Error('idle')));
      resolve(res);
    });
    // 30 s without a byte: long enough for a slow mobile link, short enough that a dead one is reported.
    req.setTimeout(options.idleTimeoutMs ?? 30_000, () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', (e) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (e instanceof ModelError) reject(e);
      else if (isNetworkDown(e)) {
        reject(
          new ModelError(
            'offline',
            `Cannot reach ${parsed.host} (${(e as NodeJS.ErrnoException).code}): there seems to be no network connection. Nothing was installed; try again when online, or use a model file you already have.`,
            { cause: e },
          ),
        );
      } else reject(new ModelError('interrupted', `The download from ${parsed.host} failed: ${e.message}`, { cause: e }));
    });
    if (options.signal) {
      if (options.signal.aborted) onAbort();
      else options.signal.addEventListener('abort', onAbort, { once: true });
    }
  });
}

function parseContentRange(header: string | undefined): { start: number; total?: number } | undefined {
  const m = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(header ?? '');
  if (!m) return undefined;
  return { start: Number(m[1]), total: m[2] === '*' ? undefined : Number(m[2]) };
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function cancelled(): ModelError {
  return new ModelError('cancelled', 'The download was cancelled. What was downloaded so far is kept so it can resume.');
}

function dropped(received: number, total?: number): ModelError {
  const of = total !== undefined ? ` of ${formatBytes(total)}` : '';
  return new ModelError('interrupted', `The connection dropped after ${formatBytes(received)}${of}; the download will resume from there next time.`);
}
