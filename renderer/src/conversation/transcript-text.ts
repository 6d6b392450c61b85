import type { InterruptReason, TranscriptEntry } from '../../../electron/contract/index';

export const REASON_WORDS: Record<InterruptReason, string> = {
  voice: 'by voice',
  hotkey: 'by hotkey',
  button: 'by button',
  tray: 'from the tray',
  api: 'by the API',
};

/** Plain text for the clipboard: what each side said, and for a cut answer only what was heard. */
export function transcriptAsText(entries: readonly TranscriptEntry[]): string {
  return entries
    .filter((e) => !e.interim)
    .map((e) => {
      const who = e.speaker === 'user' ? 'You' : 'Agent';
      if (e.speaker === 'agent' && e.interrupted) {
        const heard = (e.heardText ?? '').trim();
        return `${who}: ${heard}${heard ? ' ' : ''}[interrupted${e.reason ? ` ${REASON_WORDS[e.reason]}` : ''}]`;
      }
      return `${who}: ${e.text}`;
    })
    .join('\n');
}
