/**
 * Reads an HTTP request target (`req.url`) without ever throwing: the local servers parse
 * every request with this, so a malformed target (`//a:99999/`, `/%E0%A4%A`, `http://[::1`)
 * is a 400 for that request and never an exception that takes the process down.
 */
export interface RequestTarget {
  /** The decoded path, always starting with a single "/". */
  pathname: string;
  query: URLSearchParams;
}

/** Longest target we read: browsers cap URLs near 2 MB, but nothing we serve needs more than a few hundred bytes. */
const MAX_TARGET_CHARS = 8 * 1024;

/** Only origin-form targets ("/path?query") are ours; absolute-form and "//authority" forms are refused. */
export function parseRequestTarget(raw: string | undefined): RequestTarget | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_TARGET_CHARS) return undefined;
  if (raw[0] !== '/' || raw.startsWith('//')) return undefined;
  try {
    const url = new URL(raw, 'http://request.invalid');
    const pathname = decodeURIComponent(url.pathname);
    // A decoded NUL or a backslash has no business in a path we serve (and confuses file lookups).
    if (pathname.includes('\0') || pathname.includes('\\')) return undefined;
    return { pathname, query: url.searchParams };
  } catch {
    return undefined;
  }
}
