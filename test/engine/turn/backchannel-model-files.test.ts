import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBundledPhraseModel, loadPhraseModel } from '../../../electron/engine/turn/backchannel/model/load.js';
import { MODEL_FILE } from '../../../electron/engine/turn/backchannel/model/phrase-model.js';
import { VECTORS_FILE } from '../../../electron/engine/turn/backchannel/model/vectors.js';
import { BackchannelModelStrategy } from '../../../electron/engine/turn/strategies/backchannel-model.js';
import type { Logger } from '../../../electron/engine/logger.js';
import { defaults } from './helpers/fakes.js';

/**
 * The backchannel model's files (resources/models/backchannel-*): read off the decision path, and when they are
 * missing or damaged the rules decide alone, said once in the log; nothing throws into the turn decider.
 */
const shipped = join(__dirname, '..', '..', '..', 'resources', 'models');

function recorder(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const line = (message: string, fields?: Record<string, unknown>) => void lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
  return { lines, debug: line, info: line, warn: line, error: line };
}

/** A folder holding the shipped files, then `damage` applied to them. */
function modelDir(damage: (dir: string) => void = () => {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'bc-model-'));
  for (const f of [VECTORS_FILE, MODEL_FILE]) copyFileSync(join(shipped, f), join(dir, f));
  damage(dir);
  return dir;
}

describe('the backchannel model files', () => {
  it('load from a folder that holds both', async () => {
    const log = recorder();
    expect(await loadPhraseModel([modelDir()], log)).not.toBeNull();
    expect(log.lines).toEqual([]);
  });

  it.each<[string, (dir: string) => void]>([
    ['no files at all', (dir) => [VECTORS_FILE, MODEL_FILE].forEach((f) => rmSync(join(dir, f)))],
    ['a vectors file cut short', (dir) => writeFileSync(join(dir, VECTORS_FILE), readFileSync(join(dir, VECTORS_FILE)).subarray(0, 1_000_000))],
    ['a vectors file cut inside its header', (dir) => writeFileSync(join(dir, VECTORS_FILE), Buffer.from('BCV1'))],
    ['a vectors file of something else', (dir) => writeFileSync(join(dir, VECTORS_FILE), Buffer.alloc(4096, 7))],
    ['weights that are not JSON', (dir) => writeFileSync(join(dir, MODEL_FILE), '{"threshold": 0.6, "logistic": {')],
    [
      'weights of another shape',
      (dir) =>
        writeFileSync(
          join(dir, MODEL_FILE),
          JSON.stringify({ threshold: 0.6, logistic: { mean: [1], scale: [1], weights: [1], bias: 0 }, examples: [], counterExamples: [] }),
        ),
    ],
  ])('%s: the rules decide alone, said once in words, nothing thrown', async (_, damage) => {
    const log = recorder();
    await expect(loadPhraseModel([modelDir(damage)], log)).resolves.toBeNull();
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatch(/^The backchannel model could not be (found|read).*the rules alone decide/);
  });
});

describe('the first words of a session do not wait for the model', () => {
  it('a strategy built before the files are read decides at once by the rules, then by the model once it is ready', async () => {
    const started = performance.now();
    const strategy = new BackchannelModelStrategy(defaults);
    strategy.setVoiceStopped(true);
    strategy.setText('banging', true);
    expect(performance.now() - started).toBeLessThan(50);
    // The rules alone stop the agent on a word nobody listed ("banging", backchannel-phrase-model.test.ts).
    expect(strategy.shouldInterrupt()).toBe(true);

    expect(await loadBundledPhraseModel()).not.toBeNull();
    strategy.setText('banging', true);
    expect(strategy.vetoes()).toBe(true);
    expect(strategy.explain()).toMatch(/^"banging" reads as a backchannel/);
  });
});
