import { describe, expect, it } from 'vitest';
import { UserTurn } from '../../../electron/engine/agent/user-turn.js';

function setup() {
  const shown: string[] = [];
  const finals: { text: string; note?: string }[] = [];
  const history: string[] = [];
  const turn = new UserTurn({
    transcript: {
      userInterim: (text) => void shown.push(text),
      userFinal: (text, note) => (finals.push(note === undefined ? { text } : { text, note }), null),
    },
    history: { user: (text) => void history.push(text) },
  });
  return { turn, shown, finals, history };
}

describe('UserTurn', () => {
  it('joins finals into one turn and answers it when the agent is silent', () => {
    const { turn, shown, finals, history } = setup();
    expect(turn.heard('hello', false)).toBeNull();
    expect(turn.heard('hello there', true)).toBe('hello there');
    expect(turn.heard('how are you', true)).toBe('hello there how are you');
    expect(shown).toEqual(['hello', 'hello there', 'hello there how are you']);
    expect(turn.take(false)).toBe('hello there how are you');
    expect(finals).toEqual([{ text: 'hello there how are you' }]);
    expect(history).toEqual(['hello there how are you']);
  });

  it('ignores speech made while interruptions were off in ignore mode', () => {
    const { turn, shown, finals, history } = setup();
    turn.speechWhileOff('ignore');
    expect(turn.pending).toBe(true);
    expect(turn.heard('words', true)).toBeNull();
    expect(turn.take(true)).toBe('');
    expect(shown).toEqual([]);
    expect(finals).toEqual([{ text: '' }]);
    expect(history).toEqual([]);
    expect(turn.pending).toBe(false);
  });

  it('appends speech over the agent to the next turn, or answers it when the agent is done', () => {
    const { turn, history } = setup();
    turn.speechWhileOff('append');
    turn.heard('one', true);
    expect(turn.take(true)).toBe('');
    expect(turn.pending).toBe(true);
    turn.heard('two', true);
    expect(turn.take(false)).toBe('one two');
    expect(history).toEqual(['one two']);

    turn.speechWhileOff('append');
    turn.heard('three', true);
    turn.take(true);
    expect(turn.takeAppended()).toBe('three');
    expect(turn.takeAppended()).toBe('');
    expect(history).toEqual(['one two', 'three']);
  });

  it('labels a backchannel with its reason once', () => {
    const { turn, finals, history } = setup();
    turn.backchannel('it was short');
    turn.heard('mhm', true);
    expect(turn.take(true)).toBe('');
    turn.heard('yeah', true);
    turn.take(true);
    expect(finals).toEqual([{ text: 'mhm', note: 'treated as a backchannel because it was short' }, { text: 'yeah' }]);
    expect(history).toEqual([]);
  });

  it('forgets the while-off mode on a misfire', () => {
    const { turn } = setup();
    turn.speechWhileOff('ignore');
    turn.misfire();
    expect(turn.pending).toBe(false);
    expect(turn.heard('hi', true)).toBe('hi');
  });
});
