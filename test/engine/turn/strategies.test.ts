import { describe, expect, it } from 'vitest';
import { ConversationSettingsSchema } from '../../../electron/contract/settings/conversation.js';
import { buildStrategies } from '../../../electron/engine/turn/strategies/build-strategies.js';
import { InterruptionDecider } from '../../../electron/engine/turn/strategies/interruption-decider.js';
import { MinDurationStrategy } from '../../../electron/engine/turn/strategies/min-duration.js';
import { MinVolumeStrategy } from '../../../electron/engine/turn/strategies/min-volume.js';
import { MinWordsStrategy } from '../../../electron/engine/turn/strategies/min-words.js';
import { PhrasesStrategy } from '../../../electron/engine/turn/strategies/phrases.js';
import { defaults, toneFrame } from './helpers/fakes.js';

const phrases = { acknowledgementPhrases: defaults.acknowledgementPhrases, interruptionPhrases: defaults.interruptionPhrases };

describe('minimum words', () => {
  it('says yes once the transcript reaches the word count, punctuation ignored', () => {
    const s = new MinWordsStrategy(3);
    s.setText('Yes, that');
    expect(s.shouldInterrupt()).toBe(false);
    s.setText("Yes, that's right.");
    expect(s.shouldInterrupt()).toBe(true);
  });

  it('forgets the text on reset', () => {
    const s = new MinWordsStrategy(1);
    s.setText('hello');
    s.reset();
    expect(s.shouldInterrupt()).toBe(false);
  });

  it('rejects zero, negative and fractional counts with a clear message', () => {
    expect(() => new MinWordsStrategy(0)).toThrow('minWords: Enter a whole number from 1 to 50 words.');
    expect(() => new MinWordsStrategy(-2)).toThrow(/from 1 to 50/);
    expect(() => new MinWordsStrategy(1.5)).toThrow(/whole number/);
  });

  it('is validated in the settings schema with the same message', () => {
    const r = ConversationSettingsSchema.safeParse({ strategies: [{ type: 'minWords', params: { minWords: 0 } }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('Enter a whole number from 1 to 50 words.');
  });
});

describe('minimum volume', () => {
  it('compares the RMS level of the speech so far with the threshold', () => {
    const s = new MinVolumeStrategy(-30);
    s.appendAudio(toneFrame(-40));
    expect(s.shouldInterrupt()).toBe(false);
    expect(s.levelDbfs()).toBeCloseTo(-40, 0);
    s.appendAudio(toneFrame(-20));
    s.appendAudio(toneFrame(-20));
    expect(s.shouldInterrupt()).toBe(true);
  });

  it('rejects a positive dBFS threshold', () => {
    expect(() => new MinVolumeStrategy(3)).toThrow('minDbfs: Enter a number from -100 to 0 dBFS.');
  });
});

describe('minimum duration', () => {
  it('counts the duration of the audio fed since onset', () => {
    const s = new MinDurationStrategy(60);
    s.appendAudio(toneFrame(-20));
    s.appendAudio(toneFrame(-20));
    expect(s.shouldInterrupt()).toBe(false);
    s.appendAudio(toneFrame(-20));
    expect(s.shouldInterrupt()).toBe(true);
  });
});

describe('phrase lists', () => {
  it('interrupts on a force phrase anywhere, case and punctuation insensitive', () => {
    const s = new PhrasesStrategy(phrases);
    s.setText('Hmm, WAIT!');
    expect(s.shouldInterrupt()).toBe(true);
    s.setText('could you hold on.');
    expect(s.forcePhrase()).toBe('hold on');
  });

  it('vetoes speech made only of acknowledgements, however spelled', () => {
    const s = new PhrasesStrategy(phrases);
    for (const text of ['Okay.', 'yeah, sure', 'Mm-hmm', 'mm hmm', 'uh huh', 'OK got it!', 'Thank you.']) {
      s.setText(text);
      expect(s.vetoes(), text).toBe(true);
      expect(s.shouldInterrupt(), text).toBe(false);
    }
  });

  it('keeps the veto while an interim is on its way to an acknowledgement ("okay got" -> "okay got it")', () => {
    const s = new PhrasesStrategy(phrases);
    s.setText('okay got');
    expect(s.vetoes()).toBe(true);
    s.setText('okay got', true);
    expect(s.vetoes()).toBe(false);
    s.setText('okay got lost');
    expect(s.vetoes()).toBe(false);
  });

  it('does not veto once a real word follows the acknowledgement', () => {
    const s = new PhrasesStrategy(phrases);
    s.setText('okay but what about Tuesday');
    expect(s.vetoes()).toBe(false);
  });

  it('does not treat a force word inside another word as the phrase', () => {
    const s = new PhrasesStrategy(phrases);
    s.setText('I know nothing');
    expect(s.shouldInterrupt()).toBe(false);
  });

  it('uses edited lists', () => {
    const s = new PhrasesStrategy({ acknowledgementPhrases: ['indeed'], interruptionPhrases: ['halt'] });
    s.setText('Indeed');
    expect(s.vetoes()).toBe(true);
    s.setText('halt');
    expect(s.shouldInterrupt()).toBe(true);
  });
});

describe('the decider', () => {
  it('with no strategy, any speech interrupts', () => {
    expect(new InterruptionDecider([]).decide()).toMatchObject({ interrupt: true, strategy: 'anySpeech' });
  });

  it('asks in order and the first yes wins', () => {
    const d = new InterruptionDecider(
      buildStrategies(
        [
          { type: 'minDuration', params: { minDurationMs: 20 } },
          { type: 'minWords', params: { minWords: 1 } },
        ],
        phrases,
      ),
    );
    d.appendAudio(toneFrame(-20));
    d.setText('hello');
    expect(d.decide()).toMatchObject({ interrupt: true, strategy: 'minDuration' });
  });

  it('an acknowledgement-only utterance is vetoed even when another strategy says yes', () => {
    const d = new InterruptionDecider(
      buildStrategies(
        [
          { type: 'backchannelModel', params: {} },
          { type: 'minDuration', params: { minDurationMs: 0 } },
        ],
        phrases,
      ),
    );
    d.appendAudio(toneFrame(-20));
    d.setText('okay got it');
    expect(d.decide()).toMatchObject({ interrupt: false, vetoedBy: 'backchannelModel', reason: '"okay got it" is in your never-interrupt phrases' });
  });

  it('the defaults interrupt on a force phrase and on a request, and let a backchannel outside the lists pass', () => {
    const d = new InterruptionDecider(buildStrategies(defaults.strategies, phrases));
    d.setText('stop');
    expect(d.decide()).toMatchObject({ interrupt: true, strategy: 'backchannelModel', reason: '"stop" is in your always-interrupt phrases' });
    d.setText('actually Tuesday');
    expect(d.decide()).toMatchObject({ interrupt: true, strategy: 'backchannelModel' });
    d.setText('that makes sense', true);
    expect(d.decide()).toMatchObject({ interrupt: false, vetoedBy: 'backchannelModel', reason: '"that makes sense" is only a short evaluation' });
  });

  it('the old defaults (phrase lists, then two words) still work when chosen', () => {
    const d = new InterruptionDecider(
      buildStrategies(
        [
          { type: 'phrases', params: {} },
          { type: 'minWords', params: { minWords: 2 } },
        ],
        phrases,
      ),
    );
    d.setText('stop');
    expect(d.decide()).toMatchObject({ interrupt: true, strategy: 'phrases' });
    d.setText('actually Tuesday');
    expect(d.decide()).toMatchObject({ interrupt: true, strategy: 'minWords' });
  });

  it('names the bad strategy entry', () => {
    expect(() =>
      buildStrategies(
        [
          { type: 'phrases', params: {} },
          { type: 'minWords', params: { minWords: 0 } },
        ],
        phrases,
      ),
    ).toThrow('Interruption strategy #2: minWords: Enter a whole number from 1 to 50 words.');
  });
});
