import { expect } from 'vitest';
import { BackchannelClassifier } from '../../../../electron/engine/turn/backchannel/classify.js';
import { defaults } from './fakes.js';

/** The backchannel model with the default lists, asked as a streaming recognizer's words would ask it. */
const model = new BackchannelClassifier(defaults);

/** The verdict on `text` (`final`: the recognizer is done with it, and the person has stopped). */
export const verdict = (text: string, final = true) => model.classify(text, final);
export const kind = (text: string, final = true) => verdict(text, final).kind;
/** Every interim prefix a recognizer would show on the way to the whole phrase. */
export const interims = (text: string) => {
  const words = text.split(/\s+/);
  return words.map((_, i) => verdict(words.slice(0, i + 1).join(' '), false));
};

/** The word (1-based) at which a streaming recognizer's interims first stop the agent, or null. */
export const stopsAtWord = (text: string) => {
  const i = interims(text).findIndex((v) => v.kind === 'interrupt');
  return i < 0 ? null : i + 1;
};

/** A final asked at a pause in the voice, which may still go on. */
export const pauseFinal = (text: string) => model.classify(text, true, false);

/** No interim stops the agent, and the final is a backchannel. */
export const expectBackchannel = (text: string) => {
  expect(interims(text).map((v) => v.kind)).not.toContain('interrupt');
  expect(kind(text)).toBe('backchannel');
};
