import { describe, expect, it } from 'vitest';
import { MAX_TRANSCRIPT_ENTRIES } from '../../electron/contract/index';
import { useTranscriptStore } from '../../renderer/src/stores/transcript';
import { useBridgePerTest } from './helpers/bridge-per-test';

const bridge = useBridgePerTest({ subscribed: () => [useTranscriptStore()] });

describe('transcript store', () => {
  it('replaces interim user text with the final text under the same id', () => {
    const store = useTranscriptStore();
    bridge.script.entry({ id: 'u1', speaker: 'user', text: 'what is the', interim: true });
    bridge.script.entry({ id: 'u1', speaker: 'user', text: 'What is the time?', interim: false });
    expect(store.entries).toHaveLength(1);
    expect(store.entries[0]).toMatchObject({ text: 'What is the time?', interim: false });
  });

  it('keeps the order entries first appeared in', () => {
    const store = useTranscriptStore();
    bridge.script.entry({ id: 'u1', speaker: 'user', text: 'Hi' }).entry({ id: 'a1', speaker: 'agent', text: 'Hello' });
    bridge.script.entry({ id: 'u1', speaker: 'user', text: 'Hi there' });
    expect(store.entries.map((e) => e.id)).toEqual(['u1', 'a1']);
  });

  it('takes the interrupted cut of an agent entry', () => {
    const store = useTranscriptStore();
    bridge.script.entry({ id: 'a1', speaker: 'agent', text: 'One two three four' });
    bridge.script.entry({
      id: 'a1',
      speaker: 'agent',
      text: 'One two three four',
      interrupted: true,
      heardText: 'One two',
      unheardText: 'three four',
      reason: 'hotkey',
    });
    expect(store.entries[0]).toMatchObject({ interrupted: true, heardText: 'One two', reason: 'hotkey' });
  });

  it('copies only what was heard, marking the cut', () => {
    const store = useTranscriptStore();
    bridge.script.entry({ id: 'u1', speaker: 'user', text: 'Tell me a story' });
    bridge.script.entry({
      id: 'a1',
      speaker: 'agent',
      text: 'Once upon a time there was',
      interrupted: true,
      heardText: 'Once upon',
      unheardText: 'a time there was',
      reason: 'voice',
    });
    bridge.script.entry({ id: 'u2', speaker: 'user', text: 'wai', interim: true });
    expect(store.asText()).toBe('You: Tell me a story\nAgent: Once upon [interrupted by voice]');
  });

  it('clears the view without forgetting later entries', () => {
    const store = useTranscriptStore();
    bridge.script.entry({ id: 'u1', speaker: 'user', text: 'Old' });
    store.clearView();
    expect(store.visible).toEqual([]);
    bridge.script.entry({ id: 'u2', speaker: 'user', text: 'New' });
    expect(store.visible.map((e) => e.text)).toEqual(['New']);
  });

  it(`keeps at most the last ${MAX_TRANSCRIPT_ENTRIES} entries`, () => {
    const store = useTranscriptStore();
    store.upsert(Array.from({ length: MAX_TRANSCRIPT_ENTRIES + 20 }, (_, i) => ({ id: `e${i}`, speaker: 'user' as const, text: `${i}`, interim: false })));
    expect(store.entries).toHaveLength(MAX_TRANSCRIPT_ENTRIES);
    expect(store.entries[0]!.id).toBe('e20');
  });
});
