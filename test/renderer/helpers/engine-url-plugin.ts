/**
 * Renderer tests run under happy-dom but load the real services (the direct bridge), and
 * some engine modules find files next to themselves with
 * `fileURLToPath(new URL('./x', import.meta.url))`. In a browser-like environment Vite rewrites
 * that into a page URL and happy-dom's URL resolves it against http://localhost, so the module
 * throws at load. This plugin keeps that one pattern a Node file URL in electron/ modules only.
 */
import type { Plugin } from 'vite';

const PATTERN = /new URL\((\s*(['"`])[^'"`\n]+\2\s*),\s*import\.meta\.url\s*\)/g;

export function engineFileUrls(): Plugin {
  return {
    name: 'interject:engine-file-urls',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/electron\/(engine|services)\//.test(id) || !PATTERN.test(code)) return null;
      PATTERN.lastIndex = 0;
      const body = code.replace(PATTERN, 'new __InterjectNodeURL(/* @vite-ignore */ $1, import.meta.url)');
      return { code: `import { URL as __InterjectNodeURL } from 'node:url';\n${body}`, map: null };
    },
  };
}
