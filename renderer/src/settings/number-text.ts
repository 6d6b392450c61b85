/**
 * A number box in settings: what its text means, and what to say when it is not a number.
 * Shared by every number box (a setting, a strategy parameter) so they behave alike.
 */

/**
 * A finite number, or the text as typed when it is not one (empty included): keeping the text
 * lets the error show instead of the box silently reverting.
 */
export function parseNumberText(raw: string): number | string {
  const n = raw.trim() === '' ? raw : Number(raw);
  return typeof n === 'number' && Number.isFinite(n) ? n : raw;
}

/** The error under a number box: the schema's words are about a number, so text gets its own. */
export function numberBoxError(value: unknown, schemaError: string | undefined): string | undefined {
  if (!schemaError) return undefined;
  return typeof value === 'number' ? schemaError : 'Enter a number.';
}
