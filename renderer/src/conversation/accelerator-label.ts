/** "CommandOrControl+Shift+Space" → ["Ctrl", "Shift", "Space"] (or ⌘ on a Mac), for key caps. */
const NAMES: Record<string, string> = {
  commandorcontrol: 'Ctrl',
  cmdorctrl: 'Ctrl',
  control: 'Ctrl',
  ctrl: 'Ctrl',
  command: '⌘',
  cmd: '⌘',
  alt: 'Alt',
  option: '⌥',
  altgr: 'AltGr',
  shift: 'Shift',
  super: 'Super',
  meta: 'Meta',
  plus: '+',
  return: 'Enter',
  escape: 'Esc',
  esc: 'Esc',
};

export function acceleratorKeys(accelerator: string, isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform)): string[] {
  if (!accelerator) return [];
  return accelerator.split('+').map((part) => {
    const lower = part.toLowerCase();
    if (isMac && (lower === 'commandorcontrol' || lower === 'cmdorctrl')) return '⌘';
    if (isMac && lower === 'alt') return '⌥';
    return NAMES[lower] ?? part;
  });
}
