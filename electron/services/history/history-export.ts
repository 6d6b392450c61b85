/** A saved conversation as a Markdown document a person can read, or as JSON for tools. */
import type { Conversation, TranscriptEntry } from '../../contract/index.js';

const REASONS: Record<string, string> = { voice: 'by voice', hotkey: 'with the hotkey', button: 'with the button', tray: 'from the tray', api: 'by the API' };

function when(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

/** Markdown specials in spoken text are escaped so a transcript never turns into markup. */
function escape(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

function entryMarkdown(e: TranscriptEntry): string {
  const who = e.speaker === 'user' ? '**You**' : '**Agent**';
  if (e.replyFailed) return `${who}: ${escape(e.text)}\n\n*(no answer: ${escape(e.replyFailed)})*`;
  if (!e.interrupted) return `${who}: ${escape(e.text)}`;
  const heard = (e.heardText ?? '').trim();
  const unheard = (e.unheardText ?? '').trim();
  const reason = e.reason ? ` ${REASONS[e.reason] ?? ''}`.trimEnd() : '';
  const cut = `*(interrupted${reason}${e.strategy ? `, ${e.strategy}` : ''})*`;
  return `${who}: ${escape(heard)} ${cut}${unheard ? ` ~~${escape(unheard)}~~ *(not heard)*` : ''}`;
}

export function conversationMarkdown(c: Conversation): string {
  const s = c.summary;
  const lines = [`# ${escape(s.title)}`, '', `${when(s.startedAtEpochMs)} · ${s.turns} turns · ${s.interruptions} interruptions`, ''];
  for (const e of c.entries) lines.push(entryMarkdown(e), '');
  return lines.join('\n');
}

export function conversationJson(c: Conversation): string {
  return JSON.stringify({ format: 'interject-conversation', version: 1, ...c.summary, entries: c.entries }, null, 2) + '\n';
}

export function exportFileName(c: Conversation, format: 'markdown' | 'json'): string {
  const slug =
    c.summary.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'conversation';
  return `${new Date(c.summary.startedAtEpochMs).toISOString().slice(0, 10)}-${slug}.${format === 'markdown' ? 'md' : 'json'}`;
}

/** The agent's memory of a conversation: what the person said, and only what they heard of the agent. */
export function heardMessages(entries: readonly TranscriptEntry[]): Array<{ role: 'user' | 'assistant'; content: string; interrupted?: boolean }> {
  return entries
    .filter((e) => !e.interim)
    .map((e) =>
      e.speaker === 'user'
        ? { role: 'user' as const, content: e.text }
        : e.interrupted
          ? { role: 'assistant' as const, content: e.heardText ?? '', interrupted: true }
          : { role: 'assistant' as const, content: e.text },
    );
}
