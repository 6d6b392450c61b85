/**
 * Cartesia's context lifetime on a scripted connection: a context expires
 * CARTESIA_CONTEXT_EXPIRY_MS after its last input (measured on the test's clock, when the input
 * reaches the server), and a context that expired, was finished (continue: false) or was
 * cancelled takes no more input. What it answers such input with is up to the test: Cartesia's
 * error (`done: true`), or nothing at all. Audio and `done` stay scripted by the test.
 */
import { CARTESIA_CONTEXT_EXPIRY_MS } from '../../../../../electron/engine/tts/vendors/cartesia-contexts.js';
import type { ManualClock } from '../../helpers/manual-clock.js';
import type { Frame, ScriptedConnection } from '../../helpers/scripted-server.js';

export class ExpiringCartesiaContexts {
  /** How input to a context that is over is answered. */
  onLateInput: 'error' | 'ignore' = 'error';
  /** Context ids whose input was refused, in order. */
  readonly refused: string[] = [];
  /** Inputs taken. */
  accepted = 0;
  private readonly lastInputMs = new Map<string, number>();
  private readonly over = new Set<string>();

  constructor(
    private readonly conn: ScriptedConnection,
    private readonly clock: ManualClock,
  ) {
    conn.ws.on('message', (data, isBinary) => {
      if (!isBinary) this.onInput(JSON.parse(data.toString()) as Frame);
    });
  }

  private onInput(m: Frame): void {
    const id = String(m.context_id);
    if (m.cancel === true) {
      this.over.add(id);
      return;
    }
    if (typeof m.transcript !== 'string') return;
    const last = this.lastInputMs.get(id);
    if (this.over.has(id) || (last !== undefined && this.clock.nowMs() - last >= CARTESIA_CONTEXT_EXPIRY_MS)) {
      this.over.add(id);
      this.refused.push(id);
      if (this.onLateInput === 'error') {
        this.conn.send({
          type: 'error',
          done: true,
          status_code: 400,
          title: 'Context expired',
          message: `Context ${id} has expired or is closed.`,
          context_id: id,
        });
      }
      return;
    }
    this.accepted += 1;
    this.lastInputMs.set(id, this.clock.nowMs());
    if (m.continue === false) this.over.add(id);
  }
}
