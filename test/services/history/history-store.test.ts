import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../../electron/contract/index.js';
import { ChatHistory, INTERRUPTED_NOTE } from '../../../electron/engine/agent/chat-history.js';
import { MAX_FILE_BYTES } from '../../../electron/services/history/conversation-file.js';
import { conversationJson, conversationMarkdown, exportFileName, heardMessages } from '../../../electron/services/history/history-export.js';
import { HistoryStore } from '../../../electron/services/history/history-store.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

let temp: ReturnType<typeof makeTempDir>;
let store: HistoryStore;
let now = 0;
beforeEach(() => {
  now = Date.UTC(2026, 11, 6, 12, 0);
  temp = makeTempDir();
  store = new HistoryStore({ folder: path.join(temp.dir, 'history'), now: () => now });
});
afterEach(() => temp.cleanup());

const user = (id: string, text: string): TranscriptEntry => ({ id, speaker: 'user', text, interim: false });
const agent = (id: string, text: string): TranscriptEntry => ({ id, speaker: 'agent', text, interim: false });
const cut = (id: string, heard: string, unheard: string): TranscriptEntry => ({
  id,
  speaker: 'agent',
  text: `${heard} ${unheard}`,
  interim: false,
  interrupted: true,
  heardText: heard,
  unheardText: unheard,
  reason: 'voice',
  strategy: 'phrases',
});

function conversation(...entries: TranscriptEntry[]): string {
  const id = store.create();
  for (const entry of entries) store.append(id, { type: 'entry', atEpochMs: (now += 1000), entry });
  return id;
}

describe('saving conversations as they happen', () => {
  it('lists a conversation by date, first words and length', () => {
    const id = conversation(user('u1', 'What is the weather like in Paris tomorrow morning please'), agent('a1', 'Sunny.'));
    expect(store.list()).toEqual([
      expect.objectContaining({ id, title: 'What is the weather like in Paris tomorrow…', turns: 2, durationMs: 1000, interruptions: 0 }),
    ]);
  });

  it('keeps the heard/unheard cut and why it was cut', () => {
    const id = conversation(user('u1', 'Tell me about trains'), cut('a1', 'The next train leaves', 'at nine from platform four.'));
    expect(store.get(id).entries[1]).toMatchObject({
      interrupted: true,
      heardText: 'The next train leaves',
      unheardText: 'at nine from platform four.',
      reason: 'voice',
    });
  });

  it('a crash mid-line loses only that line', () => {
    const id = conversation(user('u1', 'one'), agent('a1', 'two'));
    fs.appendFileSync(path.join(store.folder, `${id}.jsonl`), '{"type":"entry","atEpochMs":1,"entry":{"id":"u2","spea');
    const c = store.get(id);
    expect(c.entries.map((e) => e.text)).toEqual(['one', 'two']);
    expect(c.skippedLines).toBe(1);
  });

  it('odd files never crash the list: symlinks, folders, junk and oversized files are skipped', () => {
    const good = conversation(user('u1', 'hello'));
    const dir = store.folder;
    fs.writeFileSync(path.join(temp.dir, 'secret.txt'), 'not yours');
    fs.symlinkSync(path.join(temp.dir, 'secret.txt'), path.join(dir, 'linked.jsonl'));
    fs.mkdirSync(path.join(dir, 'folder.jsonl'));
    fs.writeFileSync(path.join(dir, 'junk.jsonl'), '\u0000\u0001 not json\n[1,2,3]\n{"type":"entry"}\n');
    fs.writeFileSync(path.join(dir, 'huge.jsonl'), Buffer.alloc(MAX_FILE_BYTES + 1, 0x20));
    fs.writeFileSync(path.join(dir, '..evil.jsonl'), '');
    const ids = store.list().map((c) => c.id);
    expect(ids).toContain(good);
    expect(ids).not.toContain('linked');
    expect(ids).not.toContain('folder');
    expect(ids).not.toContain('huge');
    expect(() => store.get('linked')).toThrow(/not in the history/);
    expect(() => store.append('linked', { type: 'title', title: 'x' })).toThrow();
    expect(fs.readFileSync(path.join(temp.dir, 'secret.txt'), 'utf8')).toBe('not yours');
  });

  it('refuses ids that could name another file', () => {
    expect(() => store.get('../settings')).toThrow('Not a conversation id.');
  });
});

describe('finding, naming and deleting', () => {
  it('searches the words said and the names given', () => {
    const paris = conversation(user('u1', 'weather in Paris'));
    const trains = conversation(user('u1', 'next train'), agent('a1', 'Platform four.'));
    expect(store.list('PLATFORM').map((c) => c.id)).toEqual([trains]);
    store.rename(paris, 'Holiday plans');
    expect(store.list('holiday').map((c) => c.id)).toEqual([paris]);
    expect(store.get(paris).summary.title).toBe('Holiday plans');
  });

  it('delete can be undone until the next start-up', () => {
    const id = conversation(user('u1', 'keep me'));
    expect(store.delete(id)).toBe(true);
    expect(store.list()).toEqual([]);
    expect(store.restore(id).title).toBe('keep me');
    store.delete(id);
    store.tidy(0);
    expect(() => store.restore(id)).toThrow(/can no longer be restored/);
  });

  it('keep for N days deletes older conversations at start-up', () => {
    const old = conversation(user('u1', 'old'));
    now += 10 * 86_400_000;
    const recent = conversation(user('u1', 'recent'));
    store.tidy(7);
    expect(store.list().map((c) => c.id)).toEqual([recent]);
    expect(old).not.toBe(recent);
  });
});

describe('export and continue', () => {
  it('Markdown shows who said what, the cut, and the unheard rest struck through', () => {
    const id = conversation(user('u1', 'Tell me about *trains*'), cut('a1', 'The next train leaves', 'at nine.'));
    const md = conversationMarkdown(store.get(id));
    expect(md).toContain('# Tell me about \\*trains\\*');
    expect(md).toContain('**You**: Tell me about \\*trains\\*');
    expect(md).toContain('**Agent**: The next train leaves *(interrupted by voice, phrases)* ~~at nine.~~ *(not heard)*');
    expect(exportFileName(store.get(id), 'markdown')).toBe('2026-12-06-tell-me-about-trains.md');
    expect(JSON.parse(conversationJson(store.get(id)))).toMatchObject({ format: 'interject-conversation', turns: 2 });
  });

  it('the agent remembers only what was heard of a continued conversation', () => {
    const id = conversation(
      user('u1', 'Tell me about trains'),
      cut('a1', 'The next train leaves', 'at nine from platform four.'),
      user('u2', 'Thanks'),
      agent('a2', 'You are welcome.'),
    );
    const memory = new ChatHistory('Be brief.', heardMessages(store.get(id).entries)).snapshot();
    expect(memory).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Tell me about trains' },
      { role: 'assistant', content: `The next train leaves ${INTERRUPTED_NOTE}` },
      { role: 'user', content: 'Thanks' },
      { role: 'assistant', content: 'You are welcome.' },
    ]);
    expect(JSON.stringify(memory)).not.toContain('platform four');
  });
});
