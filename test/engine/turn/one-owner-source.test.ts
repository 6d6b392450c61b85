/**
 * "One owner of silence", kept by the code itself: outside the TTS clients and the playback queue
 * (which implement the two operations) and the port adapter that forwards them, only the barge-in
 * controller's AgentOutput cancels a TTS turn or clears playback. An early answer once cancelled
 * its own TTS turn; this fails if a second owner comes back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ENGINE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../electron/engine');
/** The implementations (tts/, audio/) and the adapter that maps the ports onto them. */
const IMPLEMENTERS = [/^tts\//, /^audio\//, /^agent\/ports\.ts$/];

function engineFiles(dir = ENGINE): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return engineFiles(full);
    return e.name.endsWith('.ts') ? [path.relative(ENGINE, full).split(path.sep).join('/')] : [];
  });
}

describe('one owner of "make the agent silent"', () => {
  it('only turn/agent-output.ts cancels a TTS turn or clears playback', () => {
    const callers = engineFiles()
      .filter((f) => !IMPLEMENTERS.some((re) => re.test(f)))
      .filter((f) => /\.cancelCurrent\(|playback\.clear\(/.test(fs.readFileSync(path.join(ENGINE, f), 'utf8')));
    expect(callers).toEqual(['turn/agent-output.ts']);
  });
});
