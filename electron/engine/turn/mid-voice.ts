/**
 * Playing on in mid-voice. Words that are already a whole backchannel let the paused agent go on (ducked) while the
 * person still speaks ("oh wow," of "oh wow, is it safe"). Until then only a gap let it pause again; with no gap the
 * agent was heard over the rest of the turn. Now the voice that goes on must keep bringing backchannel words. These
 * rules decide; the controller acts on them.
 */
import type { BargeInAttempt } from './barge-in-attempt.js';
import type { InterruptionDecider } from './strategies/interruption-decider.js';

/**
 * After going on in mid-voice, the agent pauses again unless more backchannel words come within this time. A streaming
 * recognizer shows a word at the first 320 ms chunk that covers its end, plus look-ahead and compute: 160-480 ms after
 * the word ends (recognizer-model.ts). The words the agent went on at ended 160+ ms before; a next word already under
 * way then (up to ~500 ms long) has shown within two chunks. Set E (realistic lag): "oh wow, is it safe" was heard for
 * 940 ms over the question.
 */
export const MID_VOICE_WORDS_MS = 640;

/** Whether the agent plays on in mid-voice now (it went on while the voice ran, and the voice has not paused since). */
function playingOn(attempt: BargeInAttempt): boolean {
  return attempt.watchedWords !== null && attempt.resumedInGap && attempt.phase === 'ducked' && !attempt.inGap;
}

/**
 * New words while the agent plays on in mid-voice: `more` when they add to a whole backchannel (the wait starts again);
 * `moved` when no backchannel reading is left ("haha, no", "cool, what"), which pauses the agent again at once, as the
 * voice coming back after a gap does. Words on the way to a backchannel ("thank you, that", "oh wow, is") neither
 * restart nor end the wait: pausing at them at once cost set F's "thanks ever so much" 330-400 -> 870-980 ms of pause
 * (realistic lag), and "oh wow, is it safe" is paused by the wait 180 ms later than by its "is".
 */
export function wordsWhilePlayingOn(attempt: BargeInAttempt, decider: InterruptionDecider): 'more' | 'moved' | null {
  if (!playingOn(attempt) || attempt.words <= attempt.watchedWords!) return null;
  if (decider.wholeBackchannel()) return 'more';
  return decider.partialBackchannel() ? null : 'moved';
}

/** The wait for more backchannel words ran out: the agent, still playing on while the person speaks, pauses again. */
export function pausesForNoWords(attempt: BargeInAttempt, userSpeaking: boolean): boolean {
  return playingOn(attempt) && userSpeaking;
}
