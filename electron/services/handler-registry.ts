/**
 * Dispatches invoke requests to handlers, validating every request against the contract.
 * Shared by Electron main (ipcMain) and the browser twin (WebSocket): the one place that
 * turns untrusted input into typed calls. Never throws, never hangs the caller.
 */
import { fail, invokeChannels, IpcFailure, issuesOf, ok, type InvokeName, type InvokeResponse, type IpcResult } from '../contract/index.js';
import type { z } from 'zod';
import { nullLogger, type Logger } from '../engine/logger.js';

export type Handler<C extends InvokeName> = (request: z.output<(typeof invokeChannels)[C]['request']>) => Promise<InvokeResponse<C>> | InvokeResponse<C>;

export interface HandlerRegistryOptions {
  logger?: Logger;
  /** A handler that takes longer answers `internal` so the renderer never waits forever. */
  handlerTimeoutMs?: number;
}

/** 30 s: longer than any legitimate handler (file writes, device opens), short enough that a stuck one surfaces. */
const DEFAULT_HANDLER_TIMEOUT_MS = 30_000;

export class HandlerRegistry {
  private readonly handlers = new Map<string, (request: unknown) => Promise<unknown> | unknown>();
  private readonly logger: Logger;
  private readonly timeoutMs: number;

  constructor(options: HandlerRegistryOptions = {}) {
    this.logger = options.logger ?? nullLogger;
    this.timeoutMs = options.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS;
  }

  register<C extends InvokeName>(channel: C, handler: Handler<C>): void {
    if (this.handlers.has(channel)) throw new Error(`Handler for ${channel} registered twice`);
    this.handlers.set(channel, handler as (request: unknown) => unknown);
  }

  registerAll(handlers: { [C in InvokeName]?: Handler<C> }): void {
    for (const [channel, handler] of Object.entries(handlers)) {
      if (handler) this.register(channel as InvokeName, handler as Handler<InvokeName>);
    }
  }

  /** Channels of the contract that have no handler yet (a startup check). */
  missing(): InvokeName[] {
    return (Object.keys(invokeChannels) as InvokeName[]).filter((c) => !this.handlers.has(c));
  }

  async handle(channel: unknown, rawRequest: unknown): Promise<IpcResult<unknown>> {
    if (typeof channel !== 'string' || !Object.hasOwn(invokeChannels, channel)) {
      return fail('unknown_channel', `Unknown channel: ${typeof channel === 'string' ? channel.slice(0, 80) : `(a ${typeof channel}, not a name)`}`);
    }
    const handler = this.handlers.get(channel);
    if (!handler) return fail('unavailable', `No handler for ${channel} in this build`);
    const spec = invokeChannels[channel as InvokeName];
    const parsed = spec.request.safeParse(rawRequest);
    if (!parsed.success) {
      const issues = boundedIssues(issuesOf(parsed.error));
      return fail('invalid_request', `Invalid request for ${channel}: ${summarize(issues)}`, issues);
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${channel} timed out after ${this.timeoutMs} ms`)), this.timeoutMs);
      });
      const value = await Promise.race([Promise.resolve().then(() => handler(parsed.data)), timeout]);
      return ok(value);
    } catch (error) {
      if (error instanceof IpcFailure) return { ok: false, error: error.error };
      this.logger.error('IPC handler failed', { channel, error: String((error as Error)?.stack ?? error) });
      return fail('internal', `${channel} failed: ${(error as Error)?.message ?? String(error)}`);
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Issues echo the request (unknown key names, paths), so a hostile or broken renderer could
 * get megabytes back: keep at most 20 issues of at most 200 characters each.
 */
function boundedIssues(issues: { path: string; message: string }[]): { path: string; message: string }[] {
  const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 199)}…` : text);
  return issues.slice(0, 20).map((i) => ({ path: clip(i.path), message: clip(i.message) }));
}

function summarize(issues: { path: string; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
    .join('; ');
}
