/**
 * What every invoke channel answers: a value, or a typed error. Handlers never throw across
 * the IPC boundary; bad input is an `invalid_request` with field issues.
 */
import { z } from 'zod';

export const IPC_ERROR_CODES = [
  'invalid_request', // the request failed its schema; `issues` says where
  'unknown_channel', // no such invoke channel
  'not_streaming', // manual interrupt with no session running
  'no_session', // manual interrupt with no active session id
  'unavailable', // a device, provider or model is not ready
  'conflict', // e.g. a hotkey taken by another app
  'internal', // a bug: logged in main with details, a short message here
] as const;
export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];

export const FieldIssueSchema = z.object({ path: z.string(), message: z.string() });

export const IpcErrorSchema = z.object({
  code: z.enum(IPC_ERROR_CODES),
  message: z.string(),
  issues: z.array(FieldIssueSchema).optional(),
});
export type IpcError = z.infer<typeof IpcErrorSchema>;

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export class IpcFailure extends Error {
  constructor(readonly error: IpcError) {
    super(error.message);
    this.name = 'IpcFailure';
  }
}

export function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

export function fail(code: IpcErrorCode, message: string, issues?: IpcError['issues']): IpcResult<never> {
  return { ok: false, error: issues ? { code, message, issues } : { code, message } };
}
