import { describe, expect, it } from 'vitest';
import { PracticeModel, practiceCommandOf } from '../../../electron/engine/llm/practice-model.js';
import { PRACTICE_PASSAGES, PracticePassageSource } from '../../../electron/engine/llm/practice-passages.js';
import type { ChatMessage } from '../../../electron/engine/llm/types.js';

async function read(model: PracticeModel, messages: ChatMessage[], signal = new AbortController().signal): Promise<string> {
  let text = '';
  for await (const w of model.stream(messages, { signal })) text += w;
  return text;
}

describe('practice passages', () => {
  it('are long enough to interrupt several times, with pause points', () => {
    for (const p of PRACTICE_PASSAGES) {
      expect(p.text.split(/\s+/).length).toBeGreaterThan(50);
      expect(p.text.match(/[.,]/g)!.length).toBeGreaterThan(5);
    }
  });

  it('go round in order', () => {
    const s = new PracticePassageSource();
    const ids = Array.from({ length: PRACTICE_PASSAGES.length }, () => s.next().id);
    expect(ids.at(-1)).toBe(PRACTICE_PASSAGES[0]!.id);
  });

  it('continue from the start of the interrupted clause', () => {
    const s = new PracticePassageSource();
    // Heard up to the middle of "counting them under his breath".
    const heard = 'The lighthouse keeper climbed the hundred and twelve steps every evening, counting them und';
    expect(s.remainderAfter(heard)).toMatch(/^counting them under his breath\. At the top/);
  });

  it('continue from the beginning when nothing was heard, and with nothing when all was', () => {
    const s = new PracticePassageSource();
    expect(s.remainderAfter('')).toBe(s.current().text);
    expect(s.remainderAfter(s.current().text)).toBe('');
  });
});

describe('practice mode as a language model', () => {
  it('reads the current passage first', async () => {
    const m = new PracticeModel();
    expect(await read(m, [{ role: 'user', content: 'hello' }])).toBe(PRACTICE_PASSAGES[0]!.text);
  });

  it('continues where the person cut it off, using what the transcript says they heard', async () => {
    const m = new PracticeModel();
    const text = await read(m, [
      { role: 'user', content: 'hello' },
      { role: 'assistant', content: 'The lighthouse keeper climbed the hundred and twelve steps every evening, counting' },
      { role: 'user', content: 'okay go on' },
    ]);
    expect(text).toMatch(/^counting them under his breath/);
  });

  it('reads the next passage when asked for "next"', async () => {
    const m = new PracticeModel();
    const text = await read(m, [
      { role: 'assistant', content: 'The lighthouse keeper' },
      { role: 'user', content: 'next one please' },
    ]);
    expect(text).toBe(PRACTICE_PASSAGES[1]!.text);
  });

  it('stops between words when aborted', async () => {
    const m = new PracticeModel();
    const controller = new AbortController();
    const words: string[] = [];
    for await (const w of m.stream([{ role: 'user', content: 'hi' }], { signal: controller.signal })) {
      words.push(w);
      if (words.length === 3) controller.abort();
    }
    expect(words).toHaveLength(3);
  });

  it('understands the spoken commands', () => {
    expect(practiceCommandOf('Next, please')).toBe('next');
    expect(practiceCommandOf('say that again')).toBe('again');
    expect(practiceCommandOf('mm, go on')).toBe('continue');
  });
});
