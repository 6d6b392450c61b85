import type { z } from 'zod';

/** An invoke channel: renderer asks, main answers with `IpcResult<response>`. */
export interface InvokeChannel<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
  /** One line for docs and the fuzz test's report. */
  summary: string;
}

/** An event channel: main tells, renderer listens. */
export interface EventChannel<P extends z.ZodType = z.ZodType> {
  payload: P;
  summary: string;
}

export function defineInvoke<Req extends z.ZodType, Res extends z.ZodType>(c: InvokeChannel<Req, Res>): InvokeChannel<Req, Res> {
  return c;
}

export function defineEvent<P extends z.ZodType>(c: EventChannel<P>): EventChannel<P> {
  return c;
}
