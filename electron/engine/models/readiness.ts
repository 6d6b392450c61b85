/**
 * What can run right now, given the provider settings, the installed models, the keys in the
 * secret store and the local servers that answer. The first-run screen shows it ("download
 * N MB, or enter a provider"); the session uses it to choose practice mode when recognition
 * or the language model is not ready.
 */
import type { ProvidersSettings, ProviderSecretId } from '../../contract/settings/providers.js';
import { detectLocalServers, type LocalServer } from '../llm/local-servers.js';
import { DEFAULT_LLM_MODEL_ID, DEFAULT_STT_MODEL_ID, type ModelPurpose } from './catalogue.js';
import type { HardwareDetector } from './hardware.js';
import type { ModelManager } from './model-manager.js';
import { recommend, type Recommendation } from './recommend.js';

export interface ModelToDownload {
  id: string;
  title: string;
  sizeBytes: number;
  /** Bytes already downloaded (a resumable partial download). */
  partialBytes: number;
}

export type SttPlan =
  { kind: 'local'; modelDir: string } | { kind: 'deepgram'; model: string } | { kind: 'openai-compatible'; baseUrl: string; model: string; needsKey: boolean };

export type LlmPlan =
  | { kind: 'embedded'; modelPath: string }
  | { kind: 'openai-compatible'; baseUrl: string; model: string; needsKey: boolean; source: 'settings' | 'detected'; serverName?: string };

export interface PartReadiness<Plan> {
  ready: boolean;
  /** How to build it when ready. */
  plan?: Plan;
  /** Why not, in words for the first-run screen. */
  reason?: string;
  /** What a download would fix. */
  download?: ModelToDownload;
}

export interface Readiness {
  stt: PartReadiness<SttPlan>;
  llm: PartReadiness<LlmPlan>;
  /** True when the app should offer practice mode (passages read aloud) instead of a conversation. */
  practiceMode: boolean;
  /** Total MB a "download everything local" button would fetch. */
  downloadBytes: number;
  /** The models that suit this machine (absent when no detector was given or detection failed). */
  recommendation?: Recommendation;
}

export interface ReadinessDeps {
  settings: ProvidersSettings;
  models: ModelManager;
  hasKey: (id: ProviderSecretId) => boolean | Promise<boolean>;
  /** Injected in tests; defaults to probing Ollama and LM Studio on this machine. */
  detect?: () => Promise<LocalServer[]>;
  /** Hardware detection for the per-machine recommendation; injected in tests. */
  hardware?: HardwareDetector;
}

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_OPENAI_STT_MODEL = 'whisper-1';
export const DEFAULT_DEEPGRAM_MODEL = 'nova-3';

export async function whatIsReady(deps: ReadinessDeps): Promise<Readiness> {
  const recommendation = deps.hardware
    ? await deps.hardware().then(
        (hw) => recommend(hw, deps.models.entries()),
        () => undefined,
      )
    : undefined;
  const [stt, llm] = await Promise.all([sttReadiness(deps, recommendation), llmReadiness(deps, recommendation)]);
  const downloadBytes = [stt.download, llm.download].reduce((sum, d) => sum + (d ? d.sizeBytes - d.partialBytes : 0), 0);
  return { stt, llm, practiceMode: !(stt.ready && llm.ready), downloadBytes, ...(recommendation ? { recommendation } : {}) };
}

/**
 * The local model of a purpose to use: the one named in Settings; else the recommended one if
 * it is installed; else the largest installed one (the person chose to fetch it); else the
 * recommendation (or the catalogue default) to download.
 */
export async function chooseLocalModel(
  models: ModelManager,
  purpose: ModelPurpose,
  setting: string,
  recommended: string | undefined,
  fallback: string,
): Promise<string> {
  const ofPurpose = models.entries().filter((e) => e.purpose === purpose);
  if (ofPurpose.some((e) => e.id === setting)) return setting;
  const installed = async (id: string) => (await models.pathOf(id).catch(() => undefined)) !== undefined;
  if (recommended && (await installed(recommended))) return recommended;
  for (const e of [...ofPurpose].sort((a, b) => b.sizeBytes - a.sizeBytes)) {
    if (await installed(e.id)) return e.id;
  }
  return recommended ?? fallback;
}

async function sttReadiness({ settings, models, hasKey }: ReadinessDeps, rec: Recommendation | undefined): Promise<PartReadiness<SttPlan>> {
  switch (settings.sttProvider) {
    case 'none':
      return { ready: false, reason: 'Speech recognition is turned off in Settings, Providers.' };
    case 'deepgram':
      return (await hasKey('deepgram'))
        ? { ready: true, plan: { kind: 'deepgram', model: settings.sttModel || DEFAULT_DEEPGRAM_MODEL } }
        : { ready: false, reason: 'Deepgram needs an API key: add one in Settings, Providers.' };
    case 'openai-compatible': {
      const official = settings.sttEndpoint === '';
      const keyed = await hasKey('openai-stt');
      if (official && !keyed) return { ready: false, reason: 'OpenAI transcription needs an API key: add one, or enter the address of a local server.' };
      return {
        ready: true,
        plan: {
          kind: 'openai-compatible',
          baseUrl: settings.sttEndpoint || OPENAI_BASE_URL,
          model: settings.sttModel || DEFAULT_OPENAI_STT_MODEL,
          needsKey: keyed,
        },
      };
    }
    case 'local': {
      // A name that is not a catalogue id is reported as such below, never silently replaced.
      const id = settings.sttModel ? settings.sttModel : await chooseLocalModel(models, 'stt', '', rec?.stt.id, DEFAULT_STT_MODEL_ID);
      const status = await models.status(id).catch(() => undefined);
      if (!status) return { ready: false, reason: `The speech recognition model "${id}" is not in the catalogue.` };
      if (status.path && (status.state === 'installed' || status.state === 'linked')) return { ready: true, plan: { kind: 'local', modelDir: status.path } };
      return {
        ready: false,
        reason: `The local speech recognition model (${Math.round(status.sizeBytes / 1e6)} MB) is not downloaded yet.`,
        download: { id, title: status.title, sizeBytes: status.sizeBytes, partialBytes: status.partialBytes ?? 0 },
      };
    }
  }
}

async function llmReadiness({ settings, models, hasKey, detect }: ReadinessDeps, rec: Recommendation | undefined): Promise<PartReadiness<LlmPlan>> {
  if (settings.llmProvider === 'none') return { ready: false, reason: 'The language model is turned off in Settings, Providers.' };
  if (settings.llmProvider === 'openai-compatible') {
    const official = settings.llmEndpoint === '';
    const keyed = await hasKey('openai-llm');
    if (official && !keyed) return { ready: false, reason: 'OpenAI needs an API key: add one, or enter the address of a local server.' };
    if (!settings.llmModel && official) return { ready: false, reason: 'Choose a model name for OpenAI in Settings, Providers.' };
    return {
      ready: true,
      plan: { kind: 'openai-compatible', baseUrl: settings.llmEndpoint || OPENAI_BASE_URL, model: settings.llmModel, needsKey: keyed, source: 'settings' },
    };
  }
  if (settings.llmProvider === 'auto') {
    const servers = await (detect ?? (() => detectLocalServers()))();
    const server = servers.find((s) => s.models.length > 0);
    if (server) {
      const model = settings.llmModel && server.models.includes(settings.llmModel) ? settings.llmModel : server.models[0]!;
      return { ready: true, plan: { kind: 'openai-compatible', baseUrl: server.baseUrl, model, needsKey: false, source: 'detected', serverName: server.name } };
    }
  }
  // Only 'auto' (no server found) and 'embedded' come here: a new provider without its branch above fails to compile.
  settings.llmProvider satisfies 'auto' | 'embedded';
  // llmModel names a server's model in auto mode; it picks the embedded model only when it is a catalogue id.
  const id = await chooseLocalModel(models, 'llm', settings.llmModel, rec?.llm.id, DEFAULT_LLM_MODEL_ID);
  const file = await models.fileOf(id, /\.gguf$/i).catch(() => undefined);
  if (file) return { ready: true, plan: { kind: 'embedded', modelPath: file } };
  const status = await models.status(id);
  return {
    ready: false,
    reason: `No language model yet: download the local one (${Math.round(status.sizeBytes / 1e6)} MB), start Ollama or LM Studio, or enter a provider.`,
    download: { id, title: status.title, sizeBytes: status.sizeBytes, partialBytes: status.partialBytes ?? 0 },
  };
}
