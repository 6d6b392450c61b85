/**
 * Main → renderer events. Services emit here; the Electron host forwards to every window,
 * the twin to every socket. Payloads are checked against the contract so a drift between
 * engine and renderer shows up as a logged error at the source, not a broken UI.
 */
import { eventChannels, type EventName, type EventPayload } from '../contract/index.js';
import { nullLogger, type Logger } from '../engine/logger.js';

export type EventListener = (event: EventName, payload: unknown) => void;

export class EventHub {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly logger: Logger = nullLogger) {}

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const check = eventChannels[event].payload.safeParse(payload);
    if (!check.success) {
      this.logger.error('Event payload does not match the contract; not sent', { event, issues: check.error.issues.slice(0, 3) });
      return;
    }
    for (const listener of [...this.listeners]) {
      try {
        listener(event, check.data);
      } catch (error) {
        this.logger.error('Event listener failed', { event, error: String(error) });
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
