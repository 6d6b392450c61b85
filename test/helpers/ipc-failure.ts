import { IpcFailure } from '../../electron/contract/index';

/** The IpcFailure `fn` throws; fails the test if it throws something else or nothing. */
export function failureOf(fn: () => unknown): IpcFailure {
  try {
    fn();
  } catch (error) {
    if (error instanceof IpcFailure) return error;
    throw error;
  }
  throw new Error('expected an IpcFailure');
}
