/** A number's allowed range in a person's words, the one sentence every check of that range uses. */
export interface NumberRange {
  integer: boolean;
  min?: number;
  max?: number;
  /** "ms", "dB", "words"…; empty for none. */
  unit?: string;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}

const finite = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v) && Math.abs(v) < Number.MAX_SAFE_INTEGER;

/** "Enter a whole number from 0 to 5000 ms." */
export function rangeMessage({ integer, min, max, unit = '' }: NumberRange): string {
  const what = integer ? 'a whole number' : 'a number';
  const u = unit ? ` ${unit}` : '';
  if (finite(min) && finite(max)) return `Enter ${what} from ${fmt(min)} to ${fmt(max)}${u}.`;
  if (finite(min)) return `Enter ${what} of ${fmt(min)}${u} or more.`;
  if (finite(max)) return `Enter ${what} of ${fmt(max)}${u} or less.`;
  return `Enter ${what}${unit ? ` in ${unit}` : ''}.`;
}
