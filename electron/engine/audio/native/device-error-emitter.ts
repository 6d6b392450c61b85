import type { Clock } from '../../clock.js';
import type { AudioDeviceError } from '../ports.js';

/**
 * Emits a device error without ever throwing for want of a listener (an unheard 'error'
 * would crash the process). A failure during open, before anyone could listen, is
 * re-emitted on the next tick if it is still the adapter's current error.
 */
export function emitDeviceError(
  emitter: { listenerCount(event: 'error'): number; emit(event: 'error', error: AudioDeviceError): boolean },
  error: AudioDeviceError,
  clock: Clock,
  isStillCurrent: () => boolean,
): void {
  if (emitter.listenerCount('error') > 0) {
    emitter.emit('error', error);
    return;
  }
  clock.setTimeout(() => {
    if (isStillCurrent() && emitter.listenerCount('error') > 0) emitter.emit('error', error);
  }, 0);
}
