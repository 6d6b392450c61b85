/**
 * Going on at the user's gap. While a barge-in attempt holds the agent paused, a pause in the user's speech lets
 * the agent go on (still ducked) sooner than the end of the speech or the false-alarm timeout: when the words so far
 * are only an acknowledgement ("okay"), when a final for them said no, or, without words, when the sound was short.
 * If the user goes on after the gap, the agent pauses again. These rules decide; the controller acts on them.
 */
import type { BargeInAttempt } from './barge-in-attempt.js';
import type { InterruptionDecider } from './strategies/interruption-decider.js';

/**
 * Without words, a gap resumes the agent only after this much speech (onset to quiet): one syllable plus Silero's hold.
 * bench:bargein, no recognizer: every backchannel's, laugh's and cough's gap began 250+ ms after its onset; a stop
 * consonant in a first syllable ("a-ctually", "wha-t") 96-128 ms after, where resuming let the agent be heard again.
 */
export const MIN_SPEECH_BEFORE_GAP_MS = 160;

/**
 * After a held opener ("sure", "right", "oh": a lone word that may open "sure, but…"), the agent goes on only this long
 * after the VAD's gap, and only if the voice has not come back: the gap may be the comma after the opener. Set D's tuning
 * half (realistic lag, two espeak voices): in every comma pause after such a word the voice came back 20-120 ms after the
 * gap, where the agent had gone on and was paused again; 140 ms is the first 20 ms step past that. The cost: a lone
 * "okay" said alone is paused 140 ms longer (bench:bargein --quick).
 */
export const HELD_GAP_CONFIRM_MS = 140;

/**
 * Which pause is the gap. The voice's own pause by level comes ~64 ms before the VAD's gap (user-input.ts): without
 * streaming words it is the gap. With them the VAD's gap stays: a final asked at this pause can come before the words of "stop ... stop".
 */
export function voicePauseIsGap(decider: InterruptionDecider): boolean {
  return decider.words !== 'streaming';
}

/** The user paused at `tMs`: marks the gap, and says whether the agent goes on now. */
export function goesOnAtGap(attempt: BargeInAttempt, decider: InterruptionDecider, tMs: number): boolean {
  attempt.inGap = true;
  // Words that decide only at the end ("got" of "got it, thanks", "no no" of "no no, go on"): the agent stays paused.
  if (decider.waitsForEnd()) return false;
  // A final already came for this speech (asked at the pause before the gap) and did not interrupt: go on.
  return mayGoOn(attempt, decider, attempt.finalHeard, tMs - attempt.onsetMs >= MIN_SPEECH_BEFORE_GAP_MS);
}

/** The words that let the agent go on at the gap are only a held opener: it waits HELD_GAP_CONFIRM_MS for the voice first. */
export function waitsAtGap(decider: InterruptionDecider): boolean {
  return decider.partialBackchannel();
}

/** The held opener's wait is over and the voice has not come back: whether the agent goes on now (the words may have moved on). */
export function goesOnAfterWait(attempt: BargeInAttempt, decider: InterruptionDecider): boolean {
  return attempt.inGap && !decider.waitsForEnd() && mayGoOn(attempt, decider);
}

/** The user speaks again after a gap: ends the gap, and says whether the agent went on at it and must pause again. */
export function pausesAgainAfterGap(attempt: BargeInAttempt): boolean {
  attempt.inGap = false;
  attempt.finalHeard = false;
  if (!attempt.resumedInGap || attempt.phase !== 'ducked') return false;
  attempt.resumedInGap = false;
  return true;
}

/** Words came and did not interrupt (`finalWords`: a final that has words; an empty one is no answer): says whether the agent goes on now. */
export function goesOnAfterWords(attempt: BargeInAttempt, decider: InterruptionDecider, finalWords: boolean): boolean {
  if (decider.waitsForEnd()) return false;
  // A final with words at the gap (a misheard backchannel decides nothing): go on, ducked.
  if (finalWords && attempt.inGap) return mayGoOn(attempt, decider, true);
  // Words that already say backchannel (or come in during a gap): the agent goes on now, still ducked, rather than
  // at the end of the backchannel; more speech after a gap pauses it again.
  if (attempt.inGap || decider.wholeBackchannel()) return mayGoOn(attempt, decider);
  return false;
}

/**
 * A final that decides only when the person stops ("how?" after "really?", which may still become "how nice") finds
 * the agent playing (it went on at a gap): pause it now, as the end of the speech will most likely stop it.
 */
export function pausesForWordsAtEnd(attempt: BargeInAttempt, decider: InterruptionDecider): boolean {
  return attempt.phase === 'ducked' && decider.waitsForEnd();
}

/** Only a paused agent goes on: `anyway` (a final said no), words that veto, or (`sized`) a sound short enough. */
function mayGoOn(attempt: BargeInAttempt, decider: InterruptionDecider, anyway = false, sized = true): boolean {
  if (attempt.phase !== 'paused') return false;
  return anyway || vetoed(decider) || (sized && decider.backchannelSized());
}

function vetoed(decider: InterruptionDecider): boolean {
  const d = decider.decide();
  return !d.interrupt && d.vetoedBy !== null;
}
