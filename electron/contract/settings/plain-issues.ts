/**
 * Validation messages in a person's words: "Enter a whole number from 0 to 5000 ms." instead
 * of zod's "Too big: expected number to be <=5000". The allowed range is read from the schema
 * at the issue's path, the unit from the field's name (the code names times `...Ms`, levels
 * `...Db`). Messages written for a rule (a refine, a list's limit) are kept as they are. A number's range
 * needs no message of its own: this is its message in the panel and the engine alike. (The voice and
 * provider sections keep theirs: they also check `providers:test` requests, which show zod's words.)
 */
import type { z } from 'zod';
import { rangeMessage } from './number-words.js';
import { STRATEGY_PARAM_UNITS } from './strategies.js';

type Node = z.ZodType & {
  def: { type: string };
  unwrap?: () => Node;
  shape?: Record<string, Node>;
  element?: Node;
  options?: Node[];
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
};

const UNITS: Array<[RegExp, string]> = [
  [/Ms$/, 'ms'],
  [/Dbfs$/, 'dBFS'],
  [/Db$/, 'dB'],
  [/^sampleRate$/, 'Hz'],
  [/Tokens$/, 'tokens'],
  [/Days$/, 'days'],
];

export function unitOf(key: string): string {
  return STRATEGY_PARAM_UNITS[key] ?? UNITS.find(([re]) => re.test(key))?.[1] ?? '';
}

function unwrap(node: Node): Node {
  let n = node;
  while (['default', 'optional', 'nullable', 'prefault'].includes(n.def.type) && n.unwrap) n = n.unwrap();
  return n;
}

/** The schema at a path (object keys, array indexes; of a union, the first option the rest of the path fits). */
export function schemaAt(root: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  const n: Node = unwrap(root as Node);
  if (path.length === 0) return n;
  const [step, ...rest] = path;
  if (n.def.type === 'object') return n.shape?.[String(step)] && schemaAt(n.shape[String(step)]!, rest);
  if (n.def.type === 'array') return n.element && schemaAt(n.element, rest);
  if (n.def.type === 'union') return n.options?.map((o) => schemaAt(o, path)).find(Boolean);
  return undefined;
}

/** "Enter a whole number from 0 to 5000 ms." for a number field. */
export function numberRangeMessage(node: z.ZodType, key: string): string {
  const n = node as Node;
  return rangeMessage({ integer: n.isInt === true, min: n.minValue ?? undefined, max: n.maxValue ?? undefined, unit: unitOf(key) });
}

/** The plain message for one issue, given the schema that raised it. */
export function plainMessage(issue: z.core.$ZodIssue, root: z.ZodType): string {
  const node = schemaAt(root, issue.path) as Node | undefined;
  const key = String(issue.path.at(-1) ?? '');
  const isNumber = node?.def.type === 'number';
  switch (issue.code) {
    case 'too_small':
    case 'too_big':
      if (isNumber) return numberRangeMessage(node!, key);
      if (issue.origin === 'string') {
        const limit = Number((issue as { maximum?: unknown; minimum?: unknown })[issue.code === 'too_big' ? 'maximum' : 'minimum']);
        if (issue.code === 'too_big') return `Use at most ${limit} characters (this has more).`;
        return limit <= 1 ? 'This cannot be empty.' : `Use at least ${limit} characters.`;
      }
      return hasOwnWords(issue) ? issue.message : `At most ${String((issue as { maximum?: unknown }).maximum)} items.`;
    case 'invalid_type':
      if (isNumber || issue.expected === 'number' || issue.expected === 'int') return node && isNumber ? numberRangeMessage(node, key) : 'Enter a number.';
      if (issue.expected === 'boolean') return 'Choose on or off.';
      if (issue.expected === 'string') return 'Enter text.';
      return `This needs ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}.`;
    case 'invalid_value':
      return `Choose one of: ${issue.values.map((v) => String(v)).join(', ')}.`;
    case 'unrecognized_keys':
      return `Not a setting Interject knows: ${issue.keys.join(', ')}.`;
    default:
      return issue.message;
  }
}

/** zod's own defaults start like "Too big:", "Invalid input:"; a rule's own message does not. */
function hasOwnWords(issue: z.core.$ZodIssue): boolean {
  return !/^(Too (big|small)|Invalid|Expected)/.test(issue.message);
}
