import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

describe('vad CLI', () => {
  it('prints the speech segments of a WAV as JSON', async () => {
    const { stdout } = await run(TSX, ['scripts/vad.ts', 'test/fixtures/speech/beckett.wav', '--probabilities'], { cwd: ROOT });
    const out = JSON.parse(stdout) as { segments: { startMs: number; endMs: number }[]; probabilities: { tMs: number; p: number }[] };
    expect(out.segments).toHaveLength(6);
    expect(out.segments[0]!.startMs).toBeGreaterThan(200);
    expect(out.probabilities.length).toBeGreaterThan(300);
  });

  it('names a bad file on stderr and exits with 1', async () => {
    const failure = await run(TSX, ['scripts/vad.ts', 'package.json'], { cwd: ROOT }).catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toMatch(/package\.json: not a WAV file/);
  });
});
