/** Where test code goes: test files among tests, the modules they share in a helpers/ folder next to them. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const tracked = execFileSync('git', ['ls-files', 'test'], { encoding: 'utf8' }).split('\n').filter(Boolean);

describe('the test tree', () => {
  it('keeps every helper module in a helpers/ folder, not among the test files', () => {
    const misplaced = tracked.filter((f) => !f.endsWith('.test.ts') && !f.startsWith('test/fixtures/') && !f.split('/').includes('helpers'));
    expect(misplaced, 'move these into the helpers/ folder next to the tests that use them').toEqual([]);
  });

  it('keeps test files out of helpers/ folders, so each folder is one or the other', () => {
    expect(tracked.filter((f) => f.endsWith('.test.ts') && f.split('/').includes('helpers'))).toEqual([]);
  });
});
