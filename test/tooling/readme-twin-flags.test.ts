import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('README documents the browser twin', () => {
  it('names every option the twin CLI accepts', () => {
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const cli = fs.readFileSync(new URL('../../electron/web/cli.ts', import.meta.url), 'utf8');
    const options = [...cli.matchAll(/^\s+'?([a-z-]+)'?: \{ type: 'string'/gm)].map((m) => m[1]!);
    expect(options).toEqual(expect.arrayContaining(['port', 'data-dir', 'mic-wav', 'speaker']));
    for (const option of options.filter((o) => o !== 'renderer-dir')) expect(readme).toContain(`--${option}`);
    expect(readme).toMatch(/--speaker null\|native/);
  });
});
