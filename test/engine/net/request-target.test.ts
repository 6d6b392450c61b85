import { describe, expect, it } from 'vitest';
import { parseRequestTarget } from '../../../electron/engine/net/request-target.js';

describe('parseRequestTarget', () => {
  it.each([
    ['/%E0%A4%A', 'a broken percent-encoding'],
    ['/%', 'a lone percent sign'],
    ['//a:99999/', 'an authority with a bad port'],
    ['//a:99999/bridge', 'an authority before our path'],
    ['http://[::1', 'an absolute URL with a broken host'],
    ['http://127.0.0.1/', 'any absolute URL'],
    ['*', 'the asterisk form'],
    ['', 'nothing'],
    [undefined, 'no target'],
    ['/a%00b', 'a decoded NUL'],
    ['/a%5Cb', 'a decoded backslash'],
    ['/' + 'a'.repeat(9000), 'a target over 8 KiB'],
  ])('refuses %s (%s) without throwing', (raw: string | undefined, why: string) => {
    expect(parseRequestTarget(raw), why).toBeUndefined();
  });

  it('reads a path and its query', () => {
    const t = parseRequestTarget('/ws/tts/stream?api_key=abc&x=%20y');
    expect(t?.pathname).toBe('/ws/tts/stream');
    expect(t?.query.get('api_key')).toBe('abc');
    expect(t?.query.get('x')).toBe(' y');
  });

  it('decodes the path once', () => {
    expect(parseRequestTarget('/assets/a%20b.js')?.pathname).toBe('/assets/a b.js');
  });
});
