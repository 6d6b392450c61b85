import { afterEach, describe, expect, it, vi } from 'vitest';
import { IpcFailure } from '../../electron/contract/index';
import { HandlerRegistry } from '../../electron/services/handler-registry';

afterEach(() => vi.useRealTimers());

describe('HandlerRegistry', () => {
  it('answers an unknown channel with a typed error', async () => {
    const result = await new HandlerRegistry().handle('nope:never', undefined);
    expect(result).toEqual({ ok: false, error: { code: 'unknown_channel', message: 'Unknown channel: nope:never' } });
  });

  it('rejects a request that fails its schema, with the field path', async () => {
    const registry = new HandlerRegistry();
    const handler = vi.fn();
    registry.register('settings:update', handler);
    const result = await registry.handle('settings:update', { vad: 'loud' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_request');
      expect(result.error.issues?.[0]?.path).toBe('vad');
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it('turns a thrown IpcFailure into its typed error', async () => {
    const registry = new HandlerRegistry();
    registry.register('settings:get', () => {
      throw new IpcFailure({ code: 'unavailable', message: 'busy' });
    });
    expect(await registry.handle('settings:get', undefined)).toEqual({ ok: false, error: { code: 'unavailable', message: 'busy' } });
  });

  it('turns any other throw into an internal error instead of crashing', async () => {
    const registry = new HandlerRegistry();
    registry.register('settings:get', () => {
      throw new TypeError('boom');
    });
    const result = await registry.handle('settings:get', undefined);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'settings:get failed: boom' } });
  });

  it('answers a handler that never returns once the timeout passes', async () => {
    vi.useFakeTimers();
    const registry = new HandlerRegistry({ handlerTimeoutMs: 1000 });
    registry.register('settings:get', () => new Promise(() => {}));
    const pending = registry.handle('settings:get', undefined);
    await vi.advanceTimersByTimeAsync(1000);
    expect((await pending).ok).toBe(false);
  });

  it('refuses to register a channel twice', () => {
    const registry = new HandlerRegistry();
    registry.register('settings:get', () => ({ settings: {} as never, notices: [], filePath: '' }));
    expect(() => registry.register('settings:get', vi.fn())).toThrow(/twice/);
  });
});
