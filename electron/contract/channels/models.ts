/**
 * Local models (speech recognition, language model): what is installed, downloading them on
 * first run with progress, cancel, delete, "use a file or folder I already have", and the
 * readiness summary the first-run screen explains ("download N MB, or enter a provider").
 *
 * `models:install` answers once the download is under way (or has failed to start: offline,
 * HTTP error, no disk space), not when it ends: a download takes minutes. How it ends arrives
 * as `models:state` (installed, or back to partial/absent with `error`).
 */
import { z } from 'zod';
import { defineEvent, defineInvoke } from '../define.js';

export const MODEL_PURPOSES = ['stt', 'llm', 'tts'] as const;
export const MODEL_STATES = ['absent', 'partial', 'downloading', 'installed', 'linked'] as const;
export const MODEL_PHASES = ['downloading', 'verifying', 'extracting', 'installing'] as const;

/** Catalogue ids are short slugs ("stt-zipformer-en-20m", "llm-qwen2.5-0.5b-instruct-q4"). */
export const ModelIdSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'A model id is 1-80 lowercase letters, digits, ".", "-" or "_".');

/** 4096: longer than any real path on the three OSes; blocks megabyte "paths". */
export const MAX_MODEL_PATH = 4096;

const bytes = z.number().min(0);

export const ModelFailureSchema = z.object({
  /** The engine's reason ("offline", "http", "checksum", "disk-space", ...), for the UI to pick an action. */
  code: z.string().max(40),
  message: z.string().max(2000),
});
export type ModelFailure = z.infer<typeof ModelFailureSchema>;

export const ModelStatusSchema = z.object({
  id: z.string().max(80),
  purpose: z.enum(MODEL_PURPOSES),
  title: z.string().max(300),
  /** Download size (published; approximate where the publisher gives none). */
  sizeBytes: bytes,
  licence: z.string().max(100),
  state: z.enum(MODEL_STATES),
  /** Where the model is loaded from (installed folder, or the person's own file or folder). */
  path: z.string().max(MAX_MODEL_PATH).optional(),
  /** Bytes of an unfinished download that the next install resumes from. */
  partialBytes: bytes.optional(),
  /** True when the download is checked against a published sha256. */
  checksumPublished: z.boolean(),
  /** Why the last install of this model failed; cleared when a new one starts. */
  error: ModelFailureSchema.optional(),
});
export type ModelStatusInfo = z.infer<typeof ModelStatusSchema>;

export const ModelProgressSchema = z.object({
  id: z.string().max(80),
  phase: z.enum(MODEL_PHASES),
  receivedBytes: bytes,
  /** Undefined when the server does not say. */
  totalBytes: bytes.optional(),
  bytesPerSecond: bytes,
  /** Undefined until a rate and a total are known. */
  remainingMs: bytes.optional(),
});
export type ModelProgressInfo = z.infer<typeof ModelProgressSchema>;

export const ModelDownloadSchema = z.object({
  id: z.string().max(80),
  title: z.string().max(300),
  sizeBytes: bytes,
  /** Already downloaded (resumes from there). */
  partialBytes: bytes,
});
export type ModelDownload = z.infer<typeof ModelDownloadSchema>;

export const ProviderPartSchema = z.object({
  ready: z.boolean(),
  /** What runs, in words ("Local model", "OpenAI-compatible server at http://…", "Ollama (detected)"). */
  provider: z.string().max(500).optional(),
  /** Why it is not ready, one sentence for the person. */
  reason: z.string().max(1000).optional(),
  /** The download that would make it ready. */
  download: ModelDownloadSchema.optional(),
});
export type ProviderPart = z.infer<typeof ProviderPartSchema>;

const GiB = 1024 ** 3;

export const ModelPickSchema = z.object({
  id: z.string().max(80),
  title: z.string().max(300),
  sizeBytes: bytes,
  licence: z.string().max(100),
  /** The speed to expect, in words ("about 17 tokens a second (estimate)"). */
  speed: z.string().max(200),
  /** Why this model suits this machine, one sentence. */
  why: z.string().max(500),
});
export type ModelPick = z.infer<typeof ModelPickSchema>;

export const RecommendationSchema = z.object({
  hardware: z.object({
    totalRamBytes: bytes.max(64 * 1024 * GiB),
    cpuCores: z.number().int().min(1).max(4096),
    gpu: z.enum(['metal', 'cuda', 'vulkan', 'cpu']),
  }),
  stt: ModelPickSchema,
  llm: ModelPickSchema,
  tts: ModelPickSchema,
});
export type RecommendationInfo = z.infer<typeof RecommendationSchema>;

export const ReadinessSummarySchema = z.object({
  /** A conversation can run now (recognizer and language model both ready). */
  ready: z.boolean(),
  /** Starting a session now runs practice mode (passages read aloud). */
  practiceMode: z.boolean(),
  stt: ProviderPartSchema,
  llm: ProviderPartSchema,
  /** What "download the local models" fetches, and how many bytes are still to come. */
  downloads: z.array(ModelDownloadSchema).max(10),
  downloadBytes: bytes,
  /** The models that suit this machine, from its RAM, cores and GPU backend (absent if detection failed). */
  recommendation: RecommendationSchema.optional(),
});
export type ReadinessSummary = z.infer<typeof ReadinessSummarySchema>;

const idRequest = z.object({ id: ModelIdSchema }).strict();

export const modelsInvokes = {
  'models:list': defineInvoke({
    summary: 'Every model in the catalogue with its state (absent, partial, downloading, installed, linked).',
    request: z.undefined(),
    response: z.array(ModelStatusSchema).max(100),
  }),
  'models:install': defineInvoke({
    summary: 'Start downloading and installing a model; answers once under way (or failed to start). The end arrives as models:state.',
    request: idRequest,
    response: ModelStatusSchema,
  }),
  'models:cancel': defineInvoke({
    summary: 'Stop a download; what arrived is kept so a later install resumes. No-op when none runs.',
    request: idRequest,
    response: ModelStatusSchema,
  }),
  'models:delete': defineInvoke({
    summary: "Remove an installed model and any partial download; for a linked model only the link (the person's files stay).",
    request: idRequest,
    response: ModelStatusSchema,
  }),
  'models:link': defineInvoke({
    summary: 'Use a model file or folder the person already has, after checking it holds the files the model needs.',
    request: z.object({ id: ModelIdSchema, path: z.string().trim().min(1, 'Choose a file or folder.').max(MAX_MODEL_PATH) }).strict(),
    response: ModelStatusSchema,
  }),
  'models:readiness': defineInvoke({
    summary: 'What can run now, why not, and how many MB the local models would download (the first-run screen).',
    request: z.undefined(),
    response: ReadinessSummarySchema,
  }),
} as const;

export const modelsEvents = {
  'models:progress': defineEvent({
    summary: 'Download progress of a model, a few times a second: bytes, rate, time left, phase.',
    payload: ModelProgressSchema,
  }),
  'models:state': defineEvent({
    summary: "A model's state changed (download started, finished, failed with error, deleted, linked).",
    payload: ModelStatusSchema,
  }),
} as const;
