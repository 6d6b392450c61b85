import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import wavefile from 'wavefile';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../../electron/engine/agent/simulate/cli-args.js';
import { parseScenario } from '../../../../electron/engine/agent/simulate/scenario.js';
import { FIXTURES } from './helpers/harness.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CLI = join(ROOT, 'electron/engine/agent/simulate/cli.ts');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

describe('npm run simulate', () => {
  it('runs a scenario written as the README describes, prints JSON and writes the outputs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'simulate-'));
    const scenario = join(dir, 'scenario.json');
    writeFileSync(
      scenario,
      JSON.stringify({
        agentSays: 'The next train to Edinburgh leaves at nine fifteen from platform four.',
        user: [{ wav: join(FIXTURES, 'wait-a-second.wav'), atMs: 1500, text: 'wait a second' }],
        echo: { gainDb: -20, delayMs: 50 },
      }),
    );
    const { stdout } = await run(TSX, [CLI, scenario, '--out', join(dir, 'out')], { cwd: ROOT, timeout: 60_000 });
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ interrupted: true, reason: 'voice', strategy: 'backchannelModel', staleSamplesAfterCancel: 0, falseInterruptions: 0 });
    expect(typeof result.bargeInLatencyMs).toBe('number');
    expect(result.heardText.length).toBeGreaterThan(0);
    expect(result.events[0]).toEqual({ tMs: 0, type: 'state', state: 'listening' });
    for (const file of ['output.wav', 'mic.wav', 'mic-cancelled.wav', 'timeline.svg', 'result.json']) expect(existsSync(join(dir, 'out', file))).toBe(true);
    // mic-cancelled.wav is what the VAD and recognizer got: over the agent alone (before the user at 1.5 s) its echo is removed.
    const before = (file: string) => {
      const w = new wavefile.WaveFile(readFileSync(join(dir, 'out', file)));
      return (w.getSamples(false, Int16Array) as unknown as Int16Array).subarray(0, 16_000 * 1.4);
    };
    const energy = (x: Int16Array) => x.reduce((sum, v) => sum + v * v, 0);
    expect(energy(before('mic.wav'))).toBeGreaterThan(0);
    expect(energy(before('mic-cancelled.wav'))).toBeLessThan(energy(before('mic.wav')) / 10);
    expect(result.echo.erleDb).toBeGreaterThan(10);
    expect(readFileSync(join(dir, 'out', 'timeline.svg'), 'utf8')).toContain('interrupt');
  }, 60_000);

  it('exits 1 with a message naming the problem for a bad scenario', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'simulate-'));
    const scenario = join(dir, 'bad.json');
    writeFileSync(scenario, '{"agentSays": "hi", "user": [{"wav": "x.wav", "atMs": -5}]}');
    const error = await run(TSX, [CLI, scenario], { cwd: ROOT, timeout: 60_000 }).catch((e: { code: number; stderr: string }) => e);
    expect(error).toMatchObject({ code: 1 });
    expect((error as { stderr: string }).stderr).toContain('user.0.atMs: atMs must be 0 or more.');
  }, 60_000);
});

describe('scenario and argument checks', () => {
  it('resolves clip paths against the scenario folder and fills defaults', () => {
    const s = parseScenario({ agentSays: 'hi', user: [{ wav: 'a.wav', atMs: 0 }] }, '/data/sc');
    expect(s.user[0]!.wav).toBe('/data/sc/a.wav');
    expect(s.agentReplies).toEqual(['Okay.']);
    expect(s.settings.conversation.interruptions).toBe('on');
  });

  it('rejects unknown fields, bad settings and bad echo with the path of the problem', () => {
    expect(() => parseScenario({ agentSays: 'hi', agentsays: 'x' }, '/')).toThrow(/Unrecognized key/);
    expect(() => parseScenario({ agentSays: 'hi', settings: { conversation: { duckDb: 5 } } }, '/')).toThrow(
      'settings.conversation.duckDb: Enter a number from -60 to 0 dB.',
    );
    expect(() => parseScenario({ agentSays: 'hi', echo: { gainDb: -10, delayMs: 5000 } }, '/')).toThrow('echo.delayMs: echo.delayMs must be at most 1000.');
  });

  it('parses the command line', () => {
    expect(parseArgs(['s.json', '--out', 'dir'])).toEqual({ scenario: 's.json', outDir: 'dir' });
    expect(() => parseArgs([])).toThrow('No scenario file given. Usage: npm run simulate -- <scenario.json> [--out DIR]');
    expect(() => parseArgs(['s.json', '--out'])).toThrow(/--out needs a directory/);
    expect(() => parseArgs(['s.json', '--fast'])).toThrow(/Unknown option --fast/);
  });
});
