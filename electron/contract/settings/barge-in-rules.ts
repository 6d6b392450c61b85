/**
 * The barge-in rules in force, in a person's words. One function for both places that show them:
 * the practice panel (main describes the running session) and the settings page (the renderer
 * describes the draft, live). It lives in the contract because the renderer may import only that.
 */
import { STT_PROVIDERS, type SttProviderId } from '../providers/stt.js';
import type { ConversationSettings } from './conversation.js';

/** Where the words come from, as far as deciding early is concerned. */
export type WordSource = 'streaming' | 'afterSpeech' | 'none';

/**
 * Without words in time (no recognizer, or one that answers only after the user stops), the
 * voice itself decides: `minSpeechMs` of voice interrupts; anything shorter (a backchannel,
 * a cough, a laugh) lets the agent go on once the person stops. With a streaming recognizer the
 * words decide, and the voice rule is only a safety net for a recognizer that stays silent:
 * `minSpeechMs + STREAMING_MARGIN_MS` of voice without a single word interrupts.
 */
export const STREAMING_MARGIN_MS = 500;

/** The word source a configured recognizer gives (before it is known whether it can run: see the session's own). */
export function wordSourceOf(sttProvider: SttProviderId): WordSource {
  if (sttProvider === 'none') return 'none';
  return STT_PROVIDERS[sttProvider].capabilities.streaming ? 'streaming' : 'afterSpeech';
}

export function describeRules(c: ConversationSettings, words: WordSource): string[] {
  if (c.interruptions === 'off') {
    return [
      c.whenOff === 'append'
        ? 'Interruptions are off: what you say while the agent speaks is answered after it finishes.'
        : 'Interruptions are off: what you say while the agent speaks is ignored.',
    ];
  }
  const rules: string[] = [`The agent turns down as soon as you start speaking and pauses after ${c.speakingInterruptDurationMs} ms of your voice.`];
  if (c.strategies.length === 0) return [...rules, 'Any speech that long stops it (no strategies are set).'];
  const wordsNow = words === 'streaming' ? 'as you speak' : words === 'afterSpeech' ? 'only after you stop (this recognizer does not stream)' : null;
  for (const s of c.strategies) {
    switch (s.type) {
      case 'backchannelModel':
        rules.push(
          wordsNow === null
            ? 'Words: not used now (no speech recognition is running).'
            : `Words (${wordsNow}): a question, a request, "no" or one of your always-interrupt phrases stops it; backchannels like "mm-hmm", "that makes sense", "oh wow" or your never-interrupt phrases let it go on, and so do, once you stop, other words that a small model of word meanings reads as one ("lush, ta").`,
        );
        break;
      case 'voiceShape':
        rules.push(
          words === 'streaming'
            ? `Voice: only if no words arrive, ${((s.params.minSpeechMs + STREAMING_MARGIN_MS) / 1000).toFixed(1)} s of your voice stops it.`
            : `Voice: ${(s.params.minSpeechMs / 1000).toFixed(1)} s of your voice stops it; anything shorter (a backchannel, a cough, a laugh) lets it go on when you stop.`,
        );
        break;
      case 'phrases':
        rules.push(
          wordsNow === null
            ? 'Phrase lists: not used now (no speech recognition).'
            : 'Phrase lists: an always-interrupt phrase stops it; an utterance of only never-interrupt phrases never does.',
        );
        break;
      case 'minWords':
        rules.push(wordsNow === null ? `${s.params.minWords} words: not used now (no speech recognition).` : `${s.params.minWords} words or more stop it.`);
        break;
      case 'minVolume':
        rules.push(`Speech louder than ${s.params.minDbfs} dBFS stops it.`);
        break;
      case 'minDuration':
        rules.push(`${s.params.minDurationMs} ms of speech stops it.`);
        break;
      default:
        // A strategy added to the registry without its rule here fails to compile.
        s satisfies never;
    }
  }
  // Every strategy set needs words and none will come: speaking can pause the agent but never stop it.
  if (wordsNow === null && !c.strategies.some((s) => SOUND_STRATEGIES.has(s.type))) {
    rules.push('Nothing you say can stop it now: add the Voice strategy or set up speech recognition. The Interrupt button and hotkey still stop it.');
  }
  return rules;
}

/** The strategies that decide from the sound alone, so they work without any recognizer. */
const SOUND_STRATEGIES: ReadonlySet<string> = new Set<ConversationSettings['strategies'][number]['type']>(['voiceShape', 'minVolume', 'minDuration']);
