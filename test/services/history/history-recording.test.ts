import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../../electron/contract/index.js';
import { createAppServices, type AppServices } from '../../../electron/services/app-services.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

let services: AppServices;
let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
  services = createAppServices({ dataDir: temp.dir, detectLocalServers: async () => [] });
});
afterEach(async () => {
  await services.dispose();
  temp.cleanup();
});

const say = (...entries: TranscriptEntry[]) => services.events.emit('transcript:update', { entries });

async function list(query?: string) {
  const r = await services.registry.handle('history:list', query ? { query } : undefined);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as { conversations: Array<{ id: string; title: string; turns: number }>; enabled: boolean; folder: string };
}

describe('recording the conversation', () => {
  it('saves each entry once it is final, one file per session, in the app data folder', async () => {
    say({ id: 's-e1', speaker: 'user', text: 'hello th', interim: true });
    expect((await list()).conversations).toEqual([]);
    say({ id: 's-e1', speaker: 'user', text: 'hello there', interim: false });
    say({ id: 's-e2', speaker: 'agent', text: 'Hi! How can', interim: true });
    say({ id: 's-e2', speaker: 'agent', text: 'Hi! How can I help?', interim: false });
    const first = await list();
    expect(first.folder).toBe(path.join(temp.dir, 'history'));
    expect(first.conversations).toEqual([expect.objectContaining({ title: 'hello there', turns: 2 })]);
    services.events.emit('agent:state', { state: 'idle', atMs: 1 });
    say({ id: 't-e1', speaker: 'user', text: 'a new session', interim: false });
    expect((await list()).conversations.map((c) => c.title)).toEqual(['a new session', 'hello there']);
  });

  it('writes nothing while history is off, and says so', async () => {
    await services.registry.handle('settings:update', { history: { enabled: false } });
    say({ id: 's-e1', speaker: 'user', text: 'private', interim: false });
    expect(await list()).toMatchObject({ conversations: [], enabled: false });
    expect(fs.existsSync(path.join(temp.dir, 'history'))).toBe(false);
  });

  it('exports through the channel as Markdown with a file name', async () => {
    say({ id: 's-e1', speaker: 'user', text: 'export me', interim: false });
    const [c] = (await list()).conversations;
    const r = await services.registry.handle('history:export', { id: c!.id, format: 'markdown' });
    expect(r).toMatchObject({ ok: true, value: { fileName: expect.stringMatching(/-export-me\.md$/), text: expect.stringContaining('**You**: export me') } });
  });

  it('a saved history folder elsewhere is used', async () => {
    const elsewhere = path.join(temp.dir, 'elsewhere');
    await services.registry.handle('settings:update', { history: { folder: elsewhere } });
    say({ id: 's-e1', speaker: 'user', text: 'over there', interim: false });
    expect(fs.readdirSync(elsewhere).filter((f) => f.endsWith('.jsonl'))).toHaveLength(1);
  });
});
