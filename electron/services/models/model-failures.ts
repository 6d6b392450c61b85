/**
 * ModelError → what the renderer shows: an IpcFailure with a code the UI can act on and a
 * message that starts with what went wrong in plain words ("No network: ...").
 */
import { IpcFailure, type ModelFailure } from '../../contract/index.js';
import { ModelError } from '../../engine/models/errors.js';

/** The words a person reads for a failed model operation. */
export function modelFailure(error: unknown): ModelFailure {
  if (!(error instanceof ModelError)) return { code: 'internal', message: `Model installation failed: ${(error as Error)?.message ?? String(error)}` };
  switch (error.code) {
    case 'offline':
      return { code: error.code, message: `No network: ${error.message}` };
    case 'http':
    case 'interrupted':
    case 'checksum':
    case 'size-mismatch':
    case 'extract':
      return { code: error.code, message: `Download failed: ${error.message}` };
    default:
      return { code: error.code, message: error.message };
  }
}

/** A ModelError as a typed IPC error; anything else is rethrown (the registry answers `internal`). */
export function toIpcFailure(error: unknown): unknown {
  if (!(error instanceof ModelError)) return error;
  const { message } = modelFailure(error);
  switch (error.code) {
    case 'unknown-model':
      return new IpcFailure({ code: 'invalid_request', message, issues: [{ path: 'id', message }] });
    case 'invalid-path':
      return new IpcFailure({ code: 'invalid_request', message, issues: [{ path: 'path', message }] });
    case 'busy':
    case 'cancelled':
      return new IpcFailure({ code: 'conflict', message });
    default:
      return new IpcFailure({ code: 'unavailable', message });
  }
}
