/**
 * A field problem in the panel's words: "Longest answer (Voices and providers): Enter a whole
 * number from 16 to 8192 tokens." Used where the field itself is not on screen (an import,
 * a save refused for a field on another page).
 */
import { metaFor } from './field-meta';
import { pageFields, settingsPages } from './pages';

export function issueInWords(path: string, message: string): string {
  const [section = '', key = '', ...rest] = path.split('.');
  const fieldPath = `${section}.${key}`;
  const page = settingsPages().find((p) => pageFields(p).some((f) => f === fieldPath));
  const label = key ? metaFor(section, key).label : section;
  const item = rest.length > 0 && /^\d+$/.test(rest[0]!) ? `, item ${Number(rest[0]) + 1}` : '';
  return `${label}${item}${page ? ` (${page.title})` : ''}: ${message}`;
}
