import { describe, expect, it } from 'vitest';
import { acceleratorKeys } from '../../renderer/src/conversation/accelerator-label';
import { acceleratorMatches } from '../../renderer/src/conversation/accelerator-match';
import { stateWords } from '../../renderer/src/conversation/agent-state-words';
import { meterFraction, meterValueNow, sparklinePoints } from '../../renderer/src/conversation/level-scale';

const key = (over: Partial<KeyboardEvent>) => ({ key: '', code: '', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...over });

describe('accelerator labels', () => {
  it('shows CommandOrControl as Ctrl off a Mac', () => {
    expect(acceleratorKeys('CommandOrControl+Shift+Space', false)).toEqual(['Ctrl', 'Shift', 'Space']);
  });

  it('shows CommandOrControl as ⌘ on a Mac', () => {
    expect(acceleratorKeys('CommandOrControl+Alt+K', true)).toEqual(['⌘', '⌥', 'K']);
  });
});

describe('accelerator matching in the window', () => {
  it('matches Ctrl+Shift+Space for CommandOrControl+Shift+Space', () => {
    expect(acceleratorMatches('CommandOrControl+Shift+Space', key({ key: ' ', code: 'Space', ctrlKey: true, shiftKey: true }))).toBe(true);
  });

  it('does not match without the Shift the accelerator asks for', () => {
    expect(acceleratorMatches('CommandOrControl+Shift+Space', key({ key: ' ', code: 'Space', ctrlKey: true }))).toBe(false);
  });

  it('matches a shifted digit by its physical key', () => {
    expect(acceleratorMatches('Ctrl+Shift+1', key({ key: '!', code: 'Digit1', ctrlKey: true, shiftKey: true }))).toBe(true);
  });

  it('matches a function key alone', () => {
    expect(acceleratorMatches('F9', key({ key: 'F9', code: 'F9' }))).toBe(true);
  });
});

describe('agent state words', () => {
  it('names the ducked phase as hearing the person', () => {
    expect(stateWords('speaking', 'ducked', true)).toMatchObject({ label: 'Speaking', detail: 'Turned down: hearing you' });
  });

  it('never says Speaking when no speaker takes the audio', () => {
    expect(stateWords('speaking', 'none', true, true)).toMatchObject({ label: 'Not heard', detail: 'No speaker connected' });
    expect(stateWords('listening', 'none', true, true).label).toBe('Listening');
  });

  it('says idle when a session runs but nothing happens', () => {
    expect(stateWords('idle', 'none', true).label).toBe('Idle');
  });
});

describe('level scale', () => {
  it('maps -60..0 dBFS onto the meter and clamps outside it', () => {
    expect(meterFraction(-60)).toBe(0);
    expect(meterFraction(-30)).toBe(0.5);
    expect(meterFraction(-100)).toBe(0);
    expect(meterFraction(3)).toBe(1);
  });

  it('announces whole dBFS, held at the meter floor', () => {
    expect(meterValueNow(-23.6)).toBe(-24);
    expect(meterValueNow(-100)).toBe(-60);
  });

  it('lays sparkline points across the window', () => {
    expect(
      sparklinePoints(
        [
          { tMs: 0, value: 0 },
          { tMs: 100, value: 1 },
        ],
        0,
        100,
        200,
        40,
      ),
    ).toBe('0.0,40.0 200.0,0.0');
  });
});
