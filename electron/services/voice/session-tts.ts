/**
 * The session's voice, from the TTS settings: the vendor the contract's registry names
 * (contract/providers/tts.ts), its parameters parsed by the entry's schema, its key from the
 * secret store, opened by its line in tts-openers.ts. A vendor without a required key is an
 * error that says so, never a silent switch to another voice.
 */
import { TTS_VENDORS, type TtsParameters, type TtsVendorId } from '../../contract/providers/tts.js';
import type { TtsSettings } from '../../contract/settings/tts.js';
import type { Clock } from '../../engine/clock.js';
import type { Logger } from '../../engine/logger.js';
import type { PlaybackClearer } from '../../engine/tts/types.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { TTS_OPENERS, type SessionTts, type TtsOpenContext, type TtsOpener } from './tts-openers.js';

export type { SessionTts };

export interface SessionTtsDeps {
  clock: Clock;
  logger: Logger;
  /** Leave unset when a barge-in controller owns clearing playback (the session does). */
  playback?: PlaybackClearer;
  secrets: SecretStore;
  /** Which neural voice a local voice setting names (absent: flite only). */
  neuralVoice?: TtsOpenContext['neuralVoice'];
  /** A neural voice that stopped mid-session: the reason, once. */
  onNotice?: TtsOpenContext['onNotice'];
}

/** The vendor's parameters from the settings, or the entry's own message for the one that is wrong. */
function parametersOf<Id extends TtsVendorId>(id: Id, settings: TtsSettings): TtsParameters<Id> {
  const parsed = TTS_VENDORS[id].parameters.safeParse(settings);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? `The ${TTS_VENDORS[id].label} settings are not valid.`);
  // The entry's schema is what TtsParameters<Id> is inferred from; TS cannot follow a generic index through safeParse.
  return parsed.data as TtsParameters<Id>;
}

function contextFor<Id extends TtsVendorId>(id: Id, settings: TtsSettings, deps: SessionTtsDeps): TtsOpenContext<Id> {
  const spec = TTS_VENDORS[id];
  const apiKey = (spec.key && deps.secrets.get(spec.key.secretId)) || undefined;
  if (spec.key?.required && !apiKey) throw new Error(`${spec.label} needs an API key: add it in Settings → Voices and providers, or choose the local voice.`);
  const common = { clock: deps.clock, logger: deps.logger, cancelQuietTimeoutMs: settings.cancelQuietTimeoutMs, playback: deps.playback };
  // A required key was checked just above, which is what TtsApiKey<Id> promises.
  return {
    common,
    apiKey: apiKey as TtsOpenContext<Id>['apiKey'],
    ...(deps.neuralVoice ? { neuralVoice: deps.neuralVoice } : {}),
    ...(deps.onNotice ? { onNotice: deps.onNotice } : {}),
  };
}

export async function openSessionTts(settings: TtsSettings, deps: SessionTtsDeps): Promise<SessionTts> {
  return open(settings.provider, settings, deps);
}

async function open<Id extends TtsVendorId>(id: Id, settings: TtsSettings, deps: SessionTtsDeps): Promise<SessionTts> {
  const opener: TtsOpener<Id> = TTS_OPENERS[id];
  return opener(parametersOf(id, settings), contextFor(id, settings, deps));
}
