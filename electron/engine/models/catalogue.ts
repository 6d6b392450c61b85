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
  /** Where the size, licence and checksum were read (kept with the entry so they can be re-checked). */
  source?: string;
  /** small: runs on any machine; better: wants more RAM/cores (or a GPU, for language models). */
  tier?: 'small' | 'better';
  /** For the first-run screen: what the user gets, in a few words. */
  blurb?: string;
  /** Language models: parameters in billions (the speed estimate scales with the file size). */
  paramsB?: number;
  /** Neural voices: how sherpa-onnx loads the folder, and the voices in it (index = speaker id). */
  tts?: { kind: 'kokoro' | 'vits'; speakers: readonly string[]; defaultSpeaker: string };
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
    tier: 'small',
    blurb: 'Small and quick: real time on any 2-core CPU.',
  },
  {
    id: 'stt-zipformer-en-2023-06-26',
    purpose: 'stt',
    title: 'Better English speech recognition (streaming zipformer, LibriSpeech + GigaSpeech, int8)',
    // About 296 MB packed (third-party catalogue note; the release page states no size); the
    // int8 encoder alone is 71.1 MB (Hugging Face csukuangfj/sherpa-onnx-streaming-zipformer-en-2023-06-26).
    sizeBytes: 296_000_000,
    installedBytes: 700_000_000,
    url: 'https://github.com/k2-fsa/sherpa-onnx/releases/download/asr-models/sherpa-onnx-streaming-zipformer-en-2023-06-26.tar.bz2',
    licence: 'Apache-2.0',
    format: 'tar.bz2',
    requiredFiles: [/^encoder.*\.onnx$/, /^decoder.*\.onnx$/, /^joiner.*\.onnx$/, /^tokens\.txt$/],
    source: 'huggingface.co/csukuangfj/sherpa-onnx-streaming-zipformer-en-2023-06-26 (licence, file sizes)',
    tier: 'better',
    blurb: 'Trained on far more speech (GigaSpeech): fewer mistakes on everyday talk; wants 4+ cores.',
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
    tier: 'small',
    paramsB: 0.5,
    blurb: 'Quick on any machine; short, simple answers.',
  },
  {
    id: 'llm-qwen2.5-1.5b-instruct-q4',
    purpose: 'llm',
    title: 'Better local language model (Qwen2.5 1.5B Instruct, Q4_K_M)',
    sizeBytes: 1_117_320_736,
    installedBytes: 1_117_320_736,
    url: 'https://huggingface.co/Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/main/qwen2.5-1.5b-instruct-q4_k_m.gguf',
    // The Hugging Face LFS sha256 of this file (repository revision 91cad51170dc346986eccefdc2dd33a9da36ead9).
    sha256: '6a1a2eb6d15622bf3c96857206351ba97e1af16c30d7a74ee38970e434e9407e',
    licence: 'Apache-2.0',
    format: 'file',
    fileName: 'model.gguf',
    requiredFiles: [/\.gguf$/],
    source: 'huggingface.co/Qwen/Qwen2.5-1.5B-Instruct-GGUF (size and LFS sha256 at revision 91cad51)',
    tier: 'better',
    paramsB: 1.5,
    blurb: 'Noticeably better answers; wants 8 GB of RAM, or a GPU.',
  },
  {
    id: 'llm-llama-3.2-3b-instruct-q4',
    purpose: 'llm',
    title: 'Larger local language model (Llama 3.2 3B Instruct, Q4_K_M)',
    // About 2.02 GB (2,019,377,600 bytes as listed for this quantization); no checksum published with the file.
    sizeBytes: 2_019_377_600,
    installedBytes: 2_019_377_600,
    url: 'https://huggingface.co/bartowski/Llama-3.2-3B-Instruct-GGUF/resolve/main/Llama-3.2-3B-Instruct-Q4_K_M.gguf',
    licence: 'Llama 3.2 Community License',
    format: 'file',
    fileName: 'model.gguf',
    requiredFiles: [/\.gguf$/],
    source: 'huggingface.co/bartowski/Llama-3.2-3B-Instruct-GGUF',
    tier: 'better',
    paramsB: 3.2,
    blurb: 'The best answers here; wants a GPU (Metal, CUDA or Vulkan) and 8 GB of RAM.',
  },
  {
    id: 'tts-kokoro-int8-en-v0_19',
    purpose: 'tts',
    title: 'Natural English voices (Kokoro 82M, int8, 11 voices)',
    sizeBytes: 103_248_205,
    installedBytes: 170_000_000,
    url: 'https://github.com/k2-fsa/sherpa-onnx/releases/download/tts-models/kokoro-int8-en-v0_19.tar.bz2',
    // The GitHub release asset digest, as quoted by several independent projects that pin it.
    sha256: 'c9f0dd393615805b0bab050c340834d5e684e732aec91c0e860cd30e982c08bd',
    licence: 'Apache-2.0',
    format: 'tar.bz2',
    requiredFiles: [/^model.*\.onnx$/, /^voices\.bin$/, /^tokens\.txt$/, /^espeak-ng-data$/],
    source: 'github.com/k2-fsa/sherpa-onnx/releases/tag/tts-models (asset size and sha256 digest)',
    tier: 'better',
    blurb: 'A natural voice (Kokoro), 24 kHz; wants 4+ cores to speak without pauses.',
    tts: {
      kind: 'kokoro',
      // Speaker order inside kokoro-en-v0_19/voices.bin.
      speakers: ['af', 'af_bella', 'af_nicole', 'af_sarah', 'af_sky', 'am_adam', 'am_michael', 'bf_emma', 'bf_isabella', 'bm_george', 'bm_lewis'],
      defaultSpeaker: 'af_sarah',
    },
  },
  {
    id: 'tts-piper-en_us-lessac-medium',
    purpose: 'tts',
    title: 'Neural English voice, light (Piper lessac, medium)',
    sizeBytes: 67_230_653,
    installedBytes: 140_000_000,
    url: 'https://github.com/k2-fsa/sherpa-onnx/releases/download/tts-models/vits-piper-en_US-lessac-medium.tar.bz2',
    sha256: '9e3febfacf0abf4270172d2958bcec246032b7e88efc2720840cc80c93de334e',
    // Piper's weights are MIT; they were trained on the Blizzard 2013 Lessac data, whose own licence applies.
    licence: 'MIT (Piper); Blizzard 2013 Lessac data licence',
    format: 'tar.bz2',
    requiredFiles: [/\.onnx$/, /^tokens\.txt$/, /^espeak-ng-data$/],
    source: 'github.com/k2-fsa/sherpa-onnx/releases/tag/tts-models; huggingface.co/rhasspy/piper-voices en_US/lessac/medium MODEL_CARD',
    tier: 'small',
    blurb: 'A clear neural voice (Piper), 22 kHz; fast enough for 2 cores.',
    tts: { kind: 'vits', speakers: ['lessac'], defaultSpeaker: 'lessac' },
  },
];

/** The models a fresh install downloads on first run (local speech recognition, local language model). */
export const DEFAULT_STT_MODEL_ID = 'stt-zipformer-en-20m';
export const DEFAULT_LLM_MODEL_ID = 'llm-qwen2.5-0.5b-instruct-q4';
