/**
 * Turns that open with a backchannel, in real speech through the simulate path with a streaming recognizer's lag (set E's
 * voices and placements, as bench:bargein --set bench/bargein-fresh-set-e.txt runs them). The agent going on at the
 * backchannel is the known trade-off; what these check is that it is not then heard on over the rest of the question.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGENT_TEXT, useHarness } from './helpers/harness.js';

const h = useHarness();

const hasEspeak = (() => {
  try {
    execFileSync('espeak-ng', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

const dir = mkdtempSync(join(tmpdir(), 'mid-voice-'));

/** The phrase in one of set E's espeak-ng voices (bench/bargein-set.ts), at the place the bench puts it. */
function said(text: string, voice: 'andy' | 'annie', atMs: number) {
  const wav = join(dir, `${text.replace(/\W+/g, '-')}-${voice}.wav`);
  const [name, rate] = voice === 'andy' ? ['en-gb-x-gbcwmd+Andy', '170'] : ['en-us+Annie', '160'];
  execFileSync('espeak-ng', ['-v', name, '-s', rate, '-w', wav, text]);
  return { wav, atMs, text };
}

describe.skipIf(!hasEspeak)('a question after a backchannel, realistic recognizer lag', () => {
  it.each([
    ['perfect, and the return trip', 'annie', 2500],
    ['perfect, and the return trip', 'andy', 2000],
    ['right, the blue form or the green one', 'annie', 2000],
  ] as const)('"%s" (%s): the paused agent does not go on at "the" in mid-voice', async (text, voice, atMs) => {
    const r = await h.run({ agentSays: AGENT_TEXT, recognizer: 'streaming', user: [said(text, voice, atMs)] });
    expect(r.interrupted).toBe(true);
    const resumedOnThe = r.events.some(
      (e, i) => e.type === 'outputResumed' && r.events.slice(i, i + 3).some((n) => n.type === 'recognized' && /\bthe$/.test(String(n.text))),
    );
    expect(resumedOnThe).toBe(false);
  });
});
