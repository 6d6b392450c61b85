/** Does a keydown match an Electron accelerator ("CommandOrControl+Shift+Space")? */
const KEY_ALIASES: Record<string, string> = {
  space: ' ',
  esc: 'escape',
  return: 'enter',
  plus: '+',
  up: 'arrowup',
  down: 'arrowdown',
  left: 'arrowleft',
  right: 'arrowright',
};

export function acceleratorMatches(accelerator: string, event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  const parts = accelerator.split('+').map((p) => p.toLowerCase());
  const key = parts.pop();
  if (!key) return false;
  const want = { ctrl: false, meta: false, alt: false, shift: false, ctrlOrMeta: false };
  for (const m of parts) {
    if (m === 'commandorcontrol' || m === 'cmdorctrl') want.ctrlOrMeta = true;
    else if (m === 'control' || m === 'ctrl') want.ctrl = true;
    else if (m === 'command' || m === 'cmd' || m === 'super' || m === 'meta') want.meta = true;
    else if (m === 'alt' || m === 'option' || m === 'altgr') want.alt = true;
    else if (m === 'shift') want.shift = true;
  }
  const ctrlOk = want.ctrlOrMeta ? event.ctrlKey || event.metaKey : event.ctrlKey === want.ctrl;
  const metaOk = want.ctrlOrMeta ? true : event.metaKey === want.meta;
  if (!ctrlOk || !metaOk || event.altKey !== want.alt || event.shiftKey !== want.shift) return false;
  const pressed = event.key.toLowerCase();
  const expected = KEY_ALIASES[key] ?? key;
  if (pressed === expected) return true;
  // Shift changes event.key ("!" for "1"); compare the physical key too.
  const code = event.code.toLowerCase();
  return code === `key${expected}` || code === `digit${expected}` || (expected === ' ' && code === 'space');
}
