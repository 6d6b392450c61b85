/**
 * A store's bridge subscriptions while it listens, held together and ended together (the
 * engine's DisposableStore idea, for the window: the renderer imports only the contract, so it
 * has its own). Ends the last first, each once.
 */
export class Subscriptions {
  private offs: Array<() => void> = [];

  /** True while it holds subscriptions, so a second start does not subscribe twice. */
  get active(): boolean {
    return this.offs.length > 0;
  }

  /** Holds these unsubscribe functions (ending any held before). */
  hold(...offs: Array<() => void>): void {
    this.end();
    this.offs = offs;
  }

  end(): void {
    for (const off of this.offs.splice(0).reverse()) off();
  }
}
