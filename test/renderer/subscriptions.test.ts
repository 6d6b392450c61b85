/** The stores' bridge subscriptions: held together, ended together, the last first, each once. */
import { describe, expect, it } from 'vitest';
import { Subscriptions } from '../../renderer/src/bridge/subscriptions';

describe('a store’s subscriptions', () => {
  it('ends every held subscription once, the last first, and is inactive after', () => {
    const ended: string[] = [];
    const subs = new Subscriptions();
    expect(subs.active).toBe(false);
    subs.hold(
      () => ended.push('first'),
      () => ended.push('second'),
    );
    expect(subs.active).toBe(true);
    subs.end();
    subs.end();
    expect(ended).toEqual(['second', 'first']);
    expect(subs.active).toBe(false);
  });

  it('ends what it held before when it is given new subscriptions', () => {
    const ended: string[] = [];
    const subs = new Subscriptions();
    subs.hold(() => ended.push('old'));
    subs.hold(() => ended.push('new'));
    expect(ended).toEqual(['old']);
  });
});
