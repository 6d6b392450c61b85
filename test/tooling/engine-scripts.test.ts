/** Every script the engine starts by file URL is copied into the built app. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINE_SCRIPTS } from '../../build/engine-scripts';

const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? sourceFiles(full) : /\.(ts|mjs)$/.test(d.name) ? [full] : [];
  });
}

/** Scripts named by `new URL('./x.mjs', import.meta.url)`, and the .mjs files those import. */
function scriptsTheEngineStarts(): Set<string> {
  const found = new Set<string>();
  const visit = (file: string) => {
    const rel = path.relative(ROOT, file);
    if (found.has(rel)) return;
    found.add(rel);
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/from '(\.\.?\/[^']+\.mjs)'/g)) visit(path.resolve(path.dirname(file), m[1]!));
  };
  for (const file of sourceFiles(path.join(ROOT, 'electron'))) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/new URL\('(\.\.?\/[^']+\.mjs)', import\.meta\.url\)/g)) {
      visit(path.resolve(path.dirname(file), m[1]!));
    }
  }
  return found;
}

describe('engine scripts in the build', () => {
  it('copies every script the engine starts by URL, and what those import', () => {
    expect([...scriptsTheEngineStarts()].sort()).toEqual([...ENGINE_SCRIPTS].sort());
  });

  it('names only files that exist', () => {
    for (const script of ENGINE_SCRIPTS) expect(fs.existsSync(path.join(ROOT, script)), script).toBe(true);
  });
});
