/**
 * The engine logs through this injected interface; main wires it to electron-log,
 * the browser twin and the CLIs to the console, tests to `nullLogger` or a recorder.
 * Never log secrets (API keys): pass them through `redact()` if a URL may carry one.
 */
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export const nullLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

/** Console logger for CLIs and the browser twin; writes to stderr so stdout stays clean for JSON. */
export function consoleLogger(scope: string, minLevel: 'debug' | 'info' | 'warn' | 'error' = 'info'): Logger {
  const order = { debug: 0, info: 1, warn: 2, error: 3 } as const;
  const write = (level: keyof typeof order) => (message: string, fields?: LogFields) => {
    if (order[level] < order[minLevel]) return;
    const extra = fields ? ' ' + JSON.stringify(fields) : '';
    process.stderr.write(`[${level}] ${scope}: ${redact(message)}${redact(extra)}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** Masks anything that looks like a key in a query string or an auth header. */
export function redact(text: string): string {
  return text
    .replace(/([?&](?:api_key|key|token|access_token)=)[^&\s"']+/gi, '$1***')
    .replace(/(authorization"?\s*[:=]\s*"?(?:bearer|token)\s+)[^\s"']+/gi, '$1***')
    .replace(/\b(sk-[A-Za-z0-9_-]{6})[A-Za-z0-9_-]+/g, '$1***');
}
