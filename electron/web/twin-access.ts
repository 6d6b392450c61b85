/**
 * Who may use the browser twin, checked on every request and every upgrade before any other
 * work (the same model as the Jupyter server and VS Code's local servers):
 * - Host must name this server (127.0.0.1, localhost or [::1] with its port): a DNS-rebinding
 *   page reaches us under its own name and is refused;
 * - the address the CLI prints carries a launch token that works once (like the one-time
 *   login links of Jupyter's and VS Code's launchers): opening it sets an HttpOnly,
 *   SameSite=Strict session cookie and redirects to a clean address. So a token that leaks
 *   later (shell history, a screenshot, a log) opens nothing. Nothing is served, and no token
 *   given out, to a request that has neither;
 * - the bridge upgrade needs that cookie and an Origin that is this server.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface TwinAccess {
  /** Put in the address the CLI prints; redeemable once. */
  readonly launchToken: string;
  readonly cookieName: string;
  /** The request's Host if it names this server, else undefined. */
  allowedHost(req: IncomingMessage): string | undefined;
  hasSession(req: IncomingMessage): boolean;
  /** `opened`: the token was right and unused, and is now used up; `used`: right but already used; `wrong`: anything else. */
  redeemLaunchToken(given: string | null): 'opened' | 'used' | 'wrong';
  originAllowed(req: IncomingMessage): boolean;
  /** The Set-Cookie value that opens a session. */
  sessionCookie(): string;
}

export function createTwinAccess(port: number, bindHost: string): TwinAccess {
  const launchToken = randomBytes(24).toString('hex');
  const sessionSecret = randomBytes(32).toString('hex');
  // Cookies ignore ports: a port in the name keeps two twins (or another local app) apart.
  const cookieName = `interject-twin-${port}`;
  let launchTokenUsed = false;
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${bindHost}:${port}`]);
  return {
    launchToken,
    cookieName,
    allowedHost(req) {
      const host = req.headers.host;
      return typeof host === 'string' && hosts.has(host.toLowerCase()) ? host.toLowerCase() : undefined;
    },
    hasSession(req) {
      return safeEqual(readCookie(req.headers.cookie, cookieName), sessionSecret);
    },
    redeemLaunchToken(given) {
      if (!safeEqual(given ?? undefined, launchToken)) return 'wrong';
      if (launchTokenUsed) return 'used';
      launchTokenUsed = true;
      return 'opened';
    },
    originAllowed(req) {
      const origin = req.headers.origin;
      return typeof origin === 'string' && origin.startsWith('http://') && hosts.has(origin.slice('http://'.length).toLowerCase());
    },
    sessionCookie() {
      return `${cookieName}=${sessionSecret}; Path=/; HttpOnly; SameSite=Strict`;
    },
  };
}

/** The value of one cookie from a Cookie header; never throws on odd input. */
function readCookie(header: string | undefined, name: string): string | undefined {
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function safeEqual(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
