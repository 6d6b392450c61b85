/**
 * The real-speech clips of bench:bargein: a stretch of a recording (file, start s, length s) and the
 * words that stand in for it in oracle mode. Each stretch must hold the voice (test/tooling checks).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The shared real-speech fixtures (SOURCE.md there): two_cities_16k.wav is only there, not in test/fixtures. */
export const SHARED_SPEECH = process.env.INTERJECT_SPEECH_FIXTURES ?? '/work/shared/fixtures/speech';

/** Where a real-speech file is: the project's fixtures first, then the shared ones; undefined if neither has it. */
export function realSpeechFile(root: string, file: string): string | undefined {
  return [join(root, 'test/fixtures/speech', file), join(SHARED_SPEECH, file)].find((p) => existsSync(p));
}

/** [file, start in s, length in s, oracle text] */
export type RealClip = [string, number, number, string];

// Real people: intent.wav is short spoken requests; beckett.wav read prose. Their oracle texts stand in for the words.
export const REAL_CLIPS: { real: RealClip[]; realHoldout: RealClip[] } = {
  real: [
    ['intent.wav', 1.25, 1.0, 'what is the weather like'],
    ['intent.wav', 4.28, 1.55, 'can you set a timer for ten minutes'],
    ['intent.wav', 8.05, 1.2, 'play some music please'],
    ['intent.wav', 11.5, 1.5, 'what time is my next meeting'],
    ['intent.wav', 17.13, 1.35, 'turn off the lights'],
    ['beckett.wav', 0.27, 0.95, 'can you tell me about the return trip'],
    ['beckett.wav', 1.82, 1.0, 'I would rather take the later one'],
    ['beckett.wav', 6.61, 0.8, 'what time does it leave'],
    ['beckett.wav', 8.04, 0.85, 'hang on that is not what I asked'],
    ['endgame_nagg_nell.wav', 4.8, 3.3, 'no I asked about the other train the one that goes through York'],
    ['endgame_nagg_nell.wav', 8.7, 2.7, 'and what about the connection at Newcastle is there time'],
  ],
  // Held out: another reader (two_cities) and other stretches of the dialogue, never looked at while tuning.
  realHoldout: [
    // The reader's first words (1.18-1.98 s; the file opens with 1.2 s of room tone, where this clip once sat).
    ['two_cities_16k.wav', 1.18, 0.8, 'sorry which one'],
    ['two_cities_16k.wav', 4.78, 1.52, 'I thought it left from platform two'],
    ['two_cities_16k.wav', 8.73, 1.66, 'is there anything a bit cheaper than that'],
    ['two_cities_16k.wav', 17.28, 1.46, 'what happens if I miss the connection'],
    ['two_cities_16k.wav', 24.6, 1.7, 'could you book the later one for me instead'],
    ['two_cities_16k.wav', 36.87, 1.7, 'actually I would like to go on Friday'],
    ['endgame_nagg_nell.wav', 2.43, 0.85, 'no the other one'],
    ['endgame_nagg_nell.wav', 11.96, 2.03, 'that is not what I asked you about the trains'],
    ['endgame_nagg_nell.wav', 17.57, 1.23, 'can I change at York'],
    ['endgame_nagg_nell.wav', 20.39, 1.5, 'how long is the wait there'],
    ['endgame_nagg_nell.wav', 23.73, 1.18, 'tell me the price first'],
  ],
};
