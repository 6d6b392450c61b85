/**
 * The models the app knows how to fetch on first use. Sizes are the published download sizes
 * (used for the disk-space check and the first-run explanation before the server says more).
 * `sha256` is set only where the publisher gives one; otherwise the download is checked for
 * length and archive integrity only (the UI says "not verified by checksum").
 */
export type ModelPurpose = 'stt' | 'llm' | 'tts';
export type ArchiveFormat = 'tar.bz2' | 'tar.gz' | 'zip' | 'file';

export interface ModelEntry {
  id: string;
  purpose: ModelPurpose;
  title: string;
  /** Download size in bytes (approximate where the publisher does not state it exactly). */
  sizeBytes: number;
  /** Space the installed model takes, for the disk-space check (archives expand). */
  installedBytes: number;
  url: string;
  sha256?: string;
  licence: string;
  format: ArchiveFormat;
  /** For format 'file': the name the file is installed under. */
  fileName?: string;
  /** Files an installed (or user-provided) folder must contain, as patterns on the file name. */
  requiredFiles: RegExp[];
}

export const MODEL_CATALOGUE: readonly ModelEntry[] = [
  {
    id: 'stt-zipformer-en-20m',
    purpose: 'stt',
    title: 'English speech recognition (streaming zipformer, 20M, int8)',
    // About 128 MB packed (fp32 and int8 weights); we load the int8 files.
    sizeBytes: 128_000_000,
    installedBytes: 260_000_000,
    url: 'https://github.com/k2-fsa/sherpa-onnx/releases/download/asr-models/sherpa-onnx-streaming-zipformer-en-20M-2023-02-17.tar.bz2',
    licence: 'Apache-2.0',
    format: 'tar.bz2',
    requiredFiles: [/^encoder.*\.onnx$/, /^decoder.*\.onnx$/, /^joiner.*\.onnx$/, /^tokens\.txt$/],
  },
  {
    id: 'llm-qwen2.5-0.5b-instruct-q4',
    purpose: 'llm',
    title: 'Small local language model (Qwen2.5 0.5B Instruct, Q4_K_M)',
    // About 491 MB as listed by the publisher; the server's Content-Length is what is checked.
    sizeBytes: 491_000_000,
    installedBytes: 491_000_000,
    url: 'https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/qwen2.5-0.5b-instruct-q4_k_m.gguf',
    licence: 'Apache-2.0',
    format: 'file',
    fileName: 'model.gguf',
    requiredFiles: [/\.gguf$/],
  },
];

/** The models a fresh install downloads on first run (local speech recognition, local language model). */
export const DEFAULT_STT_MODEL_ID = 'stt-zipformer-en-20m';
export const DEFAULT_LLM_MODEL_ID = 'llm-qwen2.5-0.5b-instruct-q4';

export function findModel(id: string, catalogue: readonly ModelEntry[] = MODEL_CATALOGUE): ModelEntry | undefined {
  return catalogue.find((m) => m.id === id);
}
