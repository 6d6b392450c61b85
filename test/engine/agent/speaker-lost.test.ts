import { afterEach, describe, expect, it, vi } from 'vitest';
import { EchoCanceller } from '../../../electron/engine/audio/aec/echo-canceller.js';
import { AudioDeviceError } from '../../../electron/engine/audio/ports.js';
import { makeSession } from './helpers/session-harness.js';

/**
 * A speaker lost mid-session (unplugged, the default output changed) comes back, after the output's retry, as
 * whatever device is there then: the session tells its echo canceller, which learns that loudspeaker's saturation afresh.
 */
describe('the session, when its speaker is lost', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('tells the echo canceller that the loudspeaker may change', () => {
    const changed = vi.spyOn(EchoCanceller.prototype, 'speakerChanged');
    const { sink } = makeSession({}, ['Sure.'], { echoCancellation: true });
    expect(changed).not.toHaveBeenCalled();
    sink.emit('error', new AudioDeviceError('device lost', 'the speaker failed', { willRetry: true, retryInMs: 2000 }));
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('leaves the playback queue listening no more once it is disposed', () => {
    const { sink, playback } = makeSession({}, ['Sure.'], { echoCancellation: true });
    playback.dispose();
    expect(sink.listenerCount('error')).toBe(0);
  });
});
