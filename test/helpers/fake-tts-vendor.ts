/**
 * A made-up TTS vendor, written the way a real one is added (docs/providers.md): its adapter
 * (a StreamingTts that speaks nothing) and its registry entry. Tests splice the entry into
 * the contract's registry with vi.mock and show that everything else follows from it.
 */
import { EventEmitter } from 'node:events';
import { z } from 'zod';
import type { TtsVendorSpec } from '../../electron/contract/providers/tts';
import type { StreamingTts, TtsClientEvents } from '../../electron/engine/tts/types';

/** The registry entry: the only line a new vendor adds to the contract. */
export const fakeVendorEntry = {
  label: 'Fake Voice',
  key: { secretId: 'fakevoice', required: true },
  capabilities: { offline: false, wordTimestamps: false },
  parameters: z.object({ voice: z.string().min(1, 'Fake Voice needs a voice.'), sampleRate: z.number() }),
} as const satisfies TtsVendorSpec;

export interface FakeVendorOptions {
  apiKey: string;
  voice: string;
  sampleRate: number;
}

/** The adapter: remembers what it was opened with and accepts text without speaking it. */
export class FakeVendorTts extends EventEmitter<TtsClientEvents> implements StreamingTts {
  currentTurnId: string | null = null;
  closed = false;
  private turns = 0;

  constructor(readonly options: FakeVendorOptions) {
    super();
  }

  async connect(): Promise<void> {}
  send(): string {
    this.currentTurnId ??= `fake-${++this.turns}`;
    return this.currentTurnId;
  }
  flush(): void {}
  async endTurn(): Promise<void> {
    this.currentTurnId = null;
  }
  async endSession(): Promise<void> {}
  async cancelCurrent(): Promise<void> {
    this.currentTurnId = null;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}
