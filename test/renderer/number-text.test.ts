import { describe, expect, it } from 'vitest';
import { numberBoxError, parseNumberText } from '../../renderer/src/settings/number-text';

describe('number box text', () => {
  it('reads a typed number as a number', () => {
    expect(parseNumberText('0.65')).toBe(0.65);
  });

  it('keeps text that is not a number as typed, so its error can show', () => {
    expect(parseNumberText('12a')).toBe('12a');
  });

  it('keeps an empty box empty instead of reading it as 0', () => {
    expect(parseNumberText('  ')).toBe('  ');
  });

  it('asks for a number when the box holds text', () => {
    expect(numberBoxError('12a', 'Expected number, received string')).toBe('Enter a number.');
  });

  it('shows the schema message for a number out of range', () => {
    expect(numberBoxError(1.5, 'Must be between 0 and 1.')).toBe('Must be between 0 and 1.');
  });

  it('shows nothing when the schema has no complaint', () => {
    expect(numberBoxError('', undefined)).toBeUndefined();
  });
});
