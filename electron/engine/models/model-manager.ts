/**
 * Finds, downloads, verifies, unpacks and installs the models in the catalogue, under
 * `<dataDir>/models/`:
 *   <id>/                 an installed model (moved there in one rename, so it is complete or absent)
 *   .downloads/<id>.partial   bytes received so far (kept across failures for HTTP Range resume)
 *   .staging/<id>/        where an archive is unpacked before the rename
 *   linked.json           models the person already had ("use a file or folder I have"); never deleted by us
 */
import { EventEmitter } from 'node:events';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { systemClock, type Clock } from '../clock.js';
import { nullLogger, type Logger } from '../logger.js';
import { MODEL_CATALOGUE, type ModelEntry, type ModelPurpose } from './catalogue.js';
import { ensureFreeSpace, freeBytes as realFreeBytes } from './disk-space.js';
import { downloadFile, type DownloadProgress } from './download.js';
import { ModelError } from './errors.js';
import { extractArchive } from './extract.js';
import { headerProblem } from './file-headers.js';
import { describePatterns, findFile, missingFiles, unwrapSingleFolder } from './model-files.js';

export type ModelState = 'absent' | 'partial' | 'downloading' | 'installed' | 'linked';

export interface ModelStatus {
  id: string;
  purpose: ModelPurpose;
  title: string;
  sizeBytes: number;
  licence: string;
  state: ModelState;
  /** Folder (or, for a linked single file, the file) to load the model from. */
  path?: string;
  /** Bytes of an unfinished download waiting to resume. */
  partialBytes?: number;
  /** True when the catalogue publishes a sha256 (the download is then checked against it). */
  checksumPublished: boolean;
}

export type ModelPhase = 'downloading' | 'verifying' | 'extracting' | 'installing';

export interface ModelProgress extends DownloadProgress {
  id: string;
  phase: ModelPhase;
}

export interface ModelManagerEvents {
  progress: [ModelProgress];
  state: [ModelStatus];
}

export interface ModelManagerOptions {
  dataDir: string;
  catalogue?: readonly ModelEntry[];
  clock?: Clock;
  logger?: Logger;
  /** Injected in tests to simulate a full disk. */
  freeBytes?: (dir: string) => Promise<number>;
}

export class ModelManager extends EventEmitter<ModelManagerEvents> {
  readonly modelsDir: string;
  private readonly catalogue: readonly ModelEntry[];
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly freeBytes: (dir: string) => Promise<number>;
  private readonly running = new Map<string, { controller: AbortController; done: Promise<ModelStatus> }>();

  constructor(options: ModelManagerOptions) {
    super();
    this.modelsDir = path.join(options.dataDir, 'models');
    this.catalogue = options.catalogue ?? MODEL_CATALOGUE;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? nullLogger;
    this.freeBytes = options.freeBytes ?? realFreeBytes;
  }

  entries(): readonly ModelEntry[] {
    return this.catalogue;
  }

  async list(): Promise<ModelStatus[]> {
    return Promise.all(this.catalogue.map((m) => this.status(m.id)));
  }

  async status(id: string): Promise<ModelStatus> {
    const entry = this.entry(id);
    const base = {
      id,
      purpose: entry.purpose,
      title: entry.title,
      sizeBytes: entry.sizeBytes,
      licence: entry.licence,
      checksumPublished: entry.sha256 !== undefined,
    };
    const linked = (await this.readLinks())[id];
    // A link whose target was moved or deleted counts as no model (the link stays, in case a drive comes back).
    if (linked !== undefined && (await exists(linked))) return { ...base, state: 'linked', path: linked };
    if (await exists(this.installDir(id))) return { ...base, state: 'installed', path: this.installDir(id) };
    if (this.running.has(id)) return { ...base, state: 'downloading' };
    const partial = await sizeOrZero(this.partialFile(id));
    if (partial > 0) return { ...base, state: 'partial', partialBytes: partial };
    return { ...base, state: 'absent' };
  }

  /** Where to load the model from, or undefined when it is neither installed nor linked. */
  async pathOf(id: string): Promise<string | undefined> {
    const s = await this.status(id);
    return s.state === 'installed' || s.state === 'linked' ? s.path : undefined;
  }

  /** The model file matching `pattern` (e.g. /\.gguf$/) of an installed or linked model. */
  async fileOf(id: string, pattern: RegExp): Promise<string | undefined> {
    const root = await this.pathOf(id);
    return root === undefined ? undefined : findFile(root, pattern);
  }

  /**
   * Downloads and installs a model. Resolves when it is ready to load; rejects with a
   * ModelError (nothing is installed then). A second call while one runs joins it.
   */
  install(id: string): Promise<ModelStatus> {
    let entry: ModelEntry;
    try {
      entry = this.entry(id);
    } catch (e) {
      return Promise.reject(e);
    }
    const current = this.running.get(id);
    if (current) return current.done;
    const controller = new AbortController();
    const done = this.runInstall(entry, controller.signal).finally(() => {
      this.running.delete(id);
      void this.status(id).then(
        (s) => this.emit('state', s),
        () => undefined,
      );
    });
    this.running.set(id, { controller, done });
    void this.status(id).then(
      (s) => this.emit('state', s),
      () => undefined,
    );
    return done;
  }

  /** Stops a running download (what arrived is kept for resuming). No-op when none runs. */
  cancel(id: string): void {
    this.running.get(id)?.controller.abort();
  }

  /**
   * Removes an installed model and any partial download. For a linked model only the link
   * is forgotten: the person's own files are never touched.
   */
  async delete(id: string): Promise<ModelStatus> {
    this.entry(id);
    const run = this.running.get(id);
    if (run) {
      run.controller.abort();
      await run.done.catch(() => undefined);
    }
    const links = await this.readLinks();
    if (links[id] !== undefined) {
      delete links[id];
      await this.writeLinks(links);
    } else {
      await rm(this.installDir(id), { recursive: true, force: true });
    }
    await rm(this.partialFile(id), { force: true });
    const s = await this.status(id);
    this.emit('state', s);
    return s;
  }

  /** Uses a model the person already has (a folder, or a single file for one-file models). */
  async useExisting(id: string, userPath: string): Promise<ModelStatus> {
    const entry = this.entry(id);
    const resolved = path.resolve(userPath);
    if (!(await exists(resolved))) throw new ModelError('invalid-path', `Nothing exists at ${resolved}.`);
    const missing = await missingFiles(entry, resolved);
    if (missing.length > 0) {
      throw new ModelError('invalid-path', `${resolved} is not a usable "${entry.title}": it lacks ${describePatterns(missing)}.`);
    }
    const wrongKind = await headerProblem(resolved);
    if (wrongKind) throw new ModelError('invalid-path', wrongKind);
    const links = await this.readLinks();
    links[id] = resolved;
    await this.writeLinks(links);
    const s = await this.status(id);
    this.emit('state', s);
    return s;
  }

  private async runInstall(entry: ModelEntry, signal: AbortSignal): Promise<ModelStatus> {
    const existing = await this.status(entry.id);
    if (existing.state === 'installed' || existing.state === 'linked') return existing;
    await mkdir(path.dirname(this.partialFile(entry.id)), { recursive: true });
    const partialBytes = await sizeOrZero(this.partialFile(entry.id));
    // A single file is moved into place; an archive needs room for itself and what it unpacks to.
    const unpackBytes = entry.format === 'file' ? 0 : entry.installedBytes;
    await ensureFreeSpace(this.modelsDir, Math.max(entry.sizeBytes - partialBytes, 0) + unpackBytes, `"${entry.title}"`, this.freeBytes);

    const emitProgress = (phase: ModelPhase, p: DownloadProgress) => this.emit('progress', { id: entry.id, phase, ...p });
    this.logger.info('model download starting', { id: entry.id, resumeFrom: partialBytes });
    const result = await downloadFile({
      url: entry.url,
      destFile: this.partialFile(entry.id),
      expectedSha256: entry.sha256,
      signal,
      clock: this.clock,
      onProgress: (p) => emitProgress('downloading', p),
      // The catalogue size is an estimate: check again with the size the server states.
      onStart: async (totalBytes, resumeFrom) => {
        if (totalBytes === undefined || totalBytes <= entry.sizeBytes) return;
        const unpack = entry.format === 'file' ? 0 : Math.max(entry.installedBytes, totalBytes);
        await ensureFreeSpace(this.modelsDir, totalBytes - resumeFrom + unpack, `"${entry.title}"`, this.freeBytes);
      },
    });
    emitProgress('extracting', { receivedBytes: result.bytes, totalBytes: result.bytes, bytesPerSecond: 0, remainingMs: undefined });

    const staging = path.join(this.modelsDir, '.staging', entry.id);
    await rm(staging, { recursive: true, force: true });
    try {
      if (entry.format === 'file') {
        await mkdir(staging, { recursive: true });
        await rename(this.partialFile(entry.id), path.join(staging, path.basename(entry.fileName ?? `${entry.id}.bin`)));
      } else {
        await extractArchive(this.partialFile(entry.id), entry.format, staging, entry.fileName);
      }
      if (signal.aborted) throw new ModelError('cancelled', 'The installation was cancelled.');
      const root = await unwrapSingleFolder(staging);
      const missing = await missingFiles(entry, root);
      if (missing.length > 0) {
        throw new ModelError('extract', `The download of "${entry.title}" does not contain ${describePatterns(missing)}; it was not installed.`);
      }
      emitProgress('installing', { receivedBytes: result.bytes, totalBytes: result.bytes, bytesPerSecond: 0 });
      await rm(this.installDir(entry.id), { recursive: true, force: true });
      await rename(root, this.installDir(entry.id));
    } catch (e) {
      // A complete download that does not unpack is damaged: drop it so the next try starts clean.
      if (!(e instanceof ModelError && e.code === 'cancelled')) await rm(this.partialFile(entry.id), { force: true });
      throw e;
    } finally {
      // After a failed unpack the extractor may still be finishing a write: retry ENOTEMPTY.
      await rm(staging, { recursive: true, force: true, maxRetries: 10, retryDelay: 20 });
    }
    await rm(this.partialFile(entry.id), { force: true });
    this.logger.info('model installed', { id: entry.id, bytes: result.bytes, sha256: result.sha256 });
    return this.status(entry.id);
  }

  private entry(id: string): ModelEntry {
    const entry = this.catalogue.find((m) => m.id === id);
    if (!entry) throw new ModelError('unknown-model', `There is no model called "${id}" in the catalogue.`);
    return entry;
  }

  private installDir(id: string): string {
    return path.join(this.modelsDir, id);
  }

  private partialFile(id: string): string {
    return path.join(this.modelsDir, '.downloads', `${id}.partial`);
  }

  private async readLinks(): Promise<Record<string, string>> {
    try {
      const parsed: unknown = JSON.parse(await readFile(path.join(this.modelsDir, 'linked.json'), 'utf8'));
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
    } catch {
      return {};
    }
  }

  private async writeLinks(links: Record<string, string>): Promise<void> {
    await mkdir(this.modelsDir, { recursive: true });
    const file = path.join(this.modelsDir, 'linked.json');
    await writeFile(file + '.tmp', JSON.stringify(links, null, 2));
    await rename(file + '.tmp', file);
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

async function sizeOrZero(p: string): Promise<number> {
  try {
    return (await stat(p)).size;
  } catch {
    return 0;
  }
}
