/**
 * Electron accelerator strings ("CommandOrControl+Shift+Space"): validated here so a bad
 * hotkey is rejected with a field error before main ever tries to register it.
 * Grammar: zero or more modifiers, then exactly one key, joined by "+".
 */
const MODIFIERS = new Set(['command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta']);

const NAMED_KEYS = new Set([
  'plus',
  'space',
  'tab',
  'capslock',
  'numlock',
  'scrolllock',
  'backspace',
  'delete',
  'insert',
  'return',
  'enter',
  'up',
  'down',
  'left',
  'right',
  'home',
  'end',
  'pageup',
  'pagedown',
  'escape',
  'esc',
  'volumeup',
  'volumedown',
  'volumemute',
  'medianexttrack',
  'mediaprevioustrack',
  'mediastop',
  'mediaplaypause',
  'printscreen',
  'num0',
  'num1',
  'num2',
  'num3',
  'num4',
  'num5',
  'num6',
  'num7',
  'num8',
  'num9',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
]);

function isKey(token: string): boolean {
  const t = token.toLowerCase();
  if (NAMED_KEYS.has(t)) return true;
  if (/^f([1-9]|1[0-9]|2[0-4])$/.test(t)) return true;
  // Single printable character: letters, digits and punctuation ("+" itself is "Plus").
  return token.length === 1 && /[\x21-\x7e]/.test(token) && token !== '+';
}

/** Returns null when valid, else a sentence saying what is wrong. */
export function acceleratorProblem(accelerator: string): string | null {
  if (accelerator.trim() === '') return 'Enter a key combination.';
  const parts = accelerator.split('+');
  if (parts.some((p) => p === '')) return `"${accelerator}" has an empty part; use "Plus" for the + key.`;
  const key = parts[parts.length - 1]!;
  const modifiers = parts.slice(0, -1);
  for (const m of modifiers) {
    if (!MODIFIERS.has(m.toLowerCase())) return `"${m}" is not a modifier (use Ctrl, Alt, Shift, Super or CommandOrControl).`;
  }
  if (new Set(modifiers.map((m) => m.toLowerCase())).size !== modifiers.length) return 'A modifier is repeated.';
  if (MODIFIERS.has(key.toLowerCase())) return 'The combination needs a key after the modifiers.';
  if (!isKey(key)) return `"${key}" is not a key. Use a letter, a digit, F1 to F24, or a named key such as Space, Tab, Enter or Up.`;
  if (modifiers.length === 0 && !/^f([1-9]|1[0-9]|2[0-4])$/i.test(key) && !key.toLowerCase().startsWith('media')) {
    return 'A global hotkey needs at least one modifier (or a function key), or it would steal normal typing.';
  }
  return null;
}

export function isValidAccelerator(accelerator: string): boolean {
  return acceleratorProblem(accelerator) === null;
}
