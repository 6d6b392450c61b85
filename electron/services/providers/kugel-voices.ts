/**
 * The KugelAudio voice picker's choices: the service's voice listing (`GET /v1/voices`, as the
 * SDKs' voices.list()) with the key from the secret store, as "1071 — Anna (de, en)" entries the
 * Voice field offers. Without a key there is nothing to list (a self-hosted server may need none:
 * then it is asked without one).
 */
import type { TtsSettings } from '../../contract/settings/tts.js';
import { kugelEndpoints, listKugelModels, listKugelVoices, voiceChoice } from '../../engine/tts/kugel-service.js';
import type { SecretStore } from '../secrets/secret-store.js';

export interface KugelListing {
  voices: string[];
  models: string[];
}

/** Lists voices and models; throws a TtsError in the person's words when the service refuses. */
export async function kugelListing(tts: TtsSettings, secrets: SecretStore, timeoutMs: number): Promise<KugelListing> {
  const { restBase, apiKey } = kugelEndpoints(tts.endpointUrl, secrets.get('kugel') || undefined);
  const key = apiKey ?? '';
  const [voices, models] = await Promise.all([
    listKugelVoices(restBase, key, { timeoutMs }),
    listKugelModels(restBase, key, { timeoutMs }).catch(() => [] as string[]), // the model list is a nicety; voices are what matter
  ]);
  return { voices: voices.map(voiceChoice), models };
}
