/**
 * npm run bench:bargein-keywords [-- --lists force+cue+backchannel,force,safe] [-- --thresholds 1e-1,1e-5,...] [-- --postspeech FRAMES,...] [-- --wait-ms 25] [-- --only REGEX] [-- --dump DIR]
 * Can an on-device keyword spotter (Debian's pocketsphinx 0.8+5prealpha with pocketsphinx-en-us,
 * `pocketsphinx_continuous -kws`) give the no-recognizer decider its force words in time?
 * Every user clip of the bench:bargein set (and the agent's own sentence, as raw echo with no
 * canceller) is streamed through one long-lived spotter per configuration (keyword lists x
 * threshold x `-vad_postspeech`), in its 2048-sample (128 ms) read blocks, in lockstep: after each
 * block the tool waits `--wait-ms` for what the spotters print, so a detection is placed in audio
 * time (a late one can only be placed later, never sooner). Each clip gets 300 ms of faint room
 * before and 1.5 s after, so the spotter ends its utterance inside the clip's own slot.
 * Per configuration and part (tuning / held out) it reports the interruptions whose spotted words
 * make the backchannel classifier say "interrupt" (the decider would get them as interim words), the
 * backchannels, laughs, coughs, noise and echo it would stop (false stops), and when it printed,
 * from the voice onset. pocketsphinx_continuous prints only when its own voice detector ends the
 * utterance; `--dump DIR` writes the same stream for bench/bargein-keywords-poll.py, which polls the
 * decoder after every 20 ms block (the soonest any host of this model could know).
 * Findings and figures: docs/turn-taking.md ("A keyword spotter without a recognizer").
 * It reports; it never fails. Writes bench/results/bargein-keywords.json.
 * Needs `apt-get install pocketsphinx pocketsphinx-en-us` (Linux; see the docs for macOS and Windows); says so and stops otherwise.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadResamplerFactory, resampleAll } from '../electron/engine/audio/resampler.js';
import { voicedSpan } from '../electron/engine/agent/simulate/mic-mixer.js';
import { synthesizeTexts } from '../electron/engine/agent/simulate/synthesize.js';
import { BackchannelClassifier } from '../electron/engine/turn/backchannel/classify.js';
import { ConversationSettingsSchema } from '../electron/contract/settings/conversation.js';
import { buildCorpus, caseClip, KEEP_TALKING, type Case } from './bargein-corpus.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RATE = 16_000;
/** pocketsphinx_continuous reads its input 2048 samples at a time. */
const BLOCK = 2048;
const MODEL = '/usr/share/pocketsphinx/model/en-us';
const BIN = 'pocketsphinx_continuous';
const AGENT = 'The next train to Edinburgh leaves at nine fifteen from platform four, and it calls at York and Newcastle before arriving just after one.';

/** What is spotted: the default always-interrupt phrases, short question/request openers, and backchannels (a veto). */
export const KEYWORDS = {
  force: ['stop', 'wait', 'hold on', 'hang on', 'no', 'pause', 'excuse me', 'sorry', "that's enough", 'shut up'],
  cue: ['what', 'how', 'why', 'which', 'where', 'can you', 'could you', 'tell me', 'repeat', 'go back', 'slow down', 'actually'],
  /** The force phrases that made no false hit on the tuning set's backchannels, laughs and coughs at 1e-1 (polled; see the note). */
  safe: ['stop', 'sorry', 'excuse me'],
  backchannel: ['okay', 'yeah', 'right', 'mm hmm', 'uh huh', 'thank you', 'makes sense', 'sounds good', 'sounds great', 'i see', 'got it', 'exactly', 'sure'],
};

interface Item {
  name: string;
  set: Case['set'];
  label: string;
  shouldInterrupt: boolean;
  text: string;
  samples: Float32Array;
}

interface Hit {
  words: string;
  /** Audio time (ms from the clip's voice onset) of the block after which the spotter printed it. */
  atMs: number;
}

function lcg(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return (x / 2147483648) * 2 - 1;
  };
}

/** One clip's slot: 300 ms of faint room, the clip, 1.5 s of room (-70 dBFS white noise: digital silence is not a room). */
function slot(samples: Float32Array, seed: number): { pcm: Int16Array; voiceAt: number } {
  const before = 0.3 * RATE;
  const after = 1.5 * RATE;
  const out = new Int16Array(before + samples.length + after);
  const rand = lcg(seed);
  for (let i = 0; i < out.length; i++) {
    const s = (i >= before && i < before + samples.length ? samples[i - before]! : 0) + rand() * 3e-4;
    out[i] = Math.round(Math.max(-1, Math.min(1, s)) * 32767);
  }
  const span = voicedSpan(samples);
  return { pcm: out, voiceAt: before + ((span?.startMs ?? 0) * RATE) / 1000 };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Config {
  /** Which of KEYWORDS' lists this spotter listens for. */
  lists: (keyof typeof KEYWORDS)[];
  threshold: string;
  postspeech: number;
}

/** Streams every item through one spotter per config, all in lockstep, and returns the hits per config and item. */
async function spot(items: Item[], configs: Config[], dir: string, waitMs: number): Promise<Hit[][][]> {
  let current = { item: -1, sample: 0, voiceAt: 0 };
  const spotters = configs.map((config, n) => {
    // Node's stdio "pipes" are sockets, which the spotter cannot open as a file: a named pipe instead.
    const fifo = join(mkdtempSync(join(tmpdir(), 'kws-fifo-')), 'audio.raw');
    execFileSync('mkfifo', [fifo]);
    const args = ['-infile', fifo, '-hmm', `${MODEL}/en-us`, '-dict', `${MODEL}/cmudict-en-us.dict`, '-kws', kwsFileFor(dir, config), '-logfn', '/dev/null'];
    if (config.postspeech > 0) args.push('-vad_postspeech', String(config.postspeech));
    const child = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const hits: Hit[][] = items.map(() => []);
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      pending += d;
      let nl;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl).trim();
        pending = pending.slice(nl + 1);
        if (line !== '' && current.item >= 0)
          hits[current.item]!.push({ words: line.replace(/\s+/g, ' '), atMs: ((current.sample - current.voiceAt) * 1000) / RATE });
      }
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const closed = new Promise((r) => child.on('close', r)).then(() => {
      if (stderr.trim() !== '') console.error(`spotter ${n}: ${stderr.trim().split('\n').slice(-5).join('\n')}`);
    });
    return { audio: createWriteStream(fifo), hits, closed };
  });
  for (const [i, item] of items.entries()) {
    const { pcm, voiceAt } = slot(item.samples, i + 1);
    for (let at = 0; at < pcm.length; at += BLOCK) {
      const block = pcm.subarray(at, Math.min(pcm.length, at + BLOCK));
      current = { item: i, sample: at + block.length, voiceAt };
      for (const s of spotters) s.audio.write(Buffer.from(block.buffer, block.byteOffset, block.byteLength));
      await sleep(waitMs);
    }
  }
  for (const s of spotters) s.audio.end();
  await Promise.all(spotters.map((s) => s.closed));
  return spotters.map((s) => s.hits);
}

function kwsFileFor(dir: string, { lists, threshold }: Config): string {
  const file = join(dir, `kws-${lists.join('+')}-${threshold}.txt`);
  writeFileSync(file, lists.flatMap((l) => KEYWORDS[l].map((p) => `${p} /${threshold}/`)).join('\n') + '\n');
  return file;
}

function pct(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!);
}

async function main(): Promise<void> {
  const arg = (name: string) => {
    const at = process.argv.indexOf(name);
    return at >= 0 ? process.argv[at + 1] : undefined;
  };
  const probe = spawnSync(BIN, ['-infile', '/nonexistent.raw'], { encoding: 'utf8' });
  if (probe.error) {
    console.log(`${BIN} is not installed (apt-get install pocketsphinx pocketsphinx-en-us): nothing to measure.`);
    return;
  }
  const waitMs = Number(arg('--wait-ms') ?? 25);
  const thresholds = (arg('--thresholds') ?? '1e-5,1e-10,1e-20,1e-30').split(',');
  const only = arg('--only');
  const dir = mkdtempSync(join(tmpdir(), 'bargein-kws-'));
  const { cases } = await buildCorpus(dir, ROOT);
  const resamplers = await loadResamplerFactory();
  const items: Item[] = [];
  for (const c of cases as Case[]) {
    if (!c.scenario.user) continue;
    const text = (c.scenario.user as { text?: string }[])[0]!.text ?? '';
    items.push({ name: c.name, set: c.set, label: c.label, shouldInterrupt: c.shouldInterrupt, text, samples: await caseClip(c, resamplers) });
  }
  // The agent's own sentence, as if no canceller ran at all (the worst echo): it must spot nothing.
  for (const voice of ['slt', 'kal16'] as const) {
    const s = (await synthesizeTexts([AGENT], voice)).get(AGENT)!;
    const samples = s.sampleRate === RATE ? s.samples : resampleAll(resamplers, s.samples, s.sampleRate, RATE);
    items.push({ name: `agent's voice (${voice}), raw echo`, set: 'tune', label: 'echo', shouldInterrupt: false, text: '', samples });
  }
  const chosen = only ? items.filter((i) => new RegExp(only, 'i').test(`${i.name} ${i.label}`)) : items;
  const dump = arg('--dump');
  if (dump !== undefined) {
    // The same slots as one raw 16 kHz stream plus where each item starts, for other hosts (see /work/notes/kws5-note.md).
    mkdirSync(dump, { recursive: true });
    const slots = chosen.map((item, i) => slot(item.samples, i + 1));
    let at = 0;
    const manifest = chosen.map((item, i) => {
      const entry = {
        name: item.name,
        set: item.set,
        label: item.label,
        text: item.text,
        shouldInterrupt: item.shouldInterrupt,
        start: at,
        voiceAt: at + slots[i]!.voiceAt,
      };
      at += slots[i]!.pcm.length;
      return entry;
    });
    const all = new Int16Array(at);
    slots.reduce((offset, s) => (all.set(s.pcm, offset), offset + s.pcm.length), 0);
    writeFileSync(join(dump, 'stream.raw'), Buffer.from(all.buffer));
    writeFileSync(join(dump, 'items.json'), JSON.stringify(manifest));
    console.log(`wrote ${chosen.length} items to ${dump}`);
    return;
  }
  const defaults = ConversationSettingsSchema.parse({});
  const classifier = new BackchannelClassifier({ acknowledgementPhrases: defaults.acknowledgementPhrases, interruptionPhrases: defaults.interruptionPhrases });
  const results: Record<string, unknown> = {};
  const postspeeches = (arg('--postspeech') ?? '0').split(',').map(Number);
  const listSets = (arg('--lists') ?? 'force+cue+backchannel').split(',').map((set) => set.split('+') as Config['lists']);
  const configs = listSets.flatMap((lists) => thresholds.flatMap((threshold) => postspeeches.map((postspeech) => ({ lists, threshold, postspeech }))));
  const all = await spot(chosen, configs, dir, waitMs);
  for (const [n, { lists, threshold, postspeech }] of configs.entries()) {
    const rows = chosen.map((item, i) => {
      const heard = all[n]![i]!;
      // Each printed line is the spotter's text so far; the decider gets them as interim words, in order.
      let text = '';
      let verdictAt: number | null = null;
      let verdict = 'none';
      for (const h of heard) {
        text = `${text} ${h.words}`.trim();
        const v = classifier.classify(text, false);
        verdict = v.kind;
        if (v.kind === 'interrupt') {
          verdictAt = h.atMs;
          break;
        }
      }
      return { name: item.name, set: item.set, label: item.label, text: item.text, shouldInterrupt: item.shouldInterrupt, spotted: heard, verdict, verdictAt };
    });
    console.log(`\n== ${lists.join('+')} at ${threshold} (postspeech ${postspeech || 'default'}, wait ${waitMs} ms)`);
    for (const set of ['tune', 'holdout'] as const) {
      const inSet = rows.filter((r) => r.set === set);
      const interrupts = inSet.filter((r) => r.shouldInterrupt);
      const caught = interrupts.filter((r) => r.verdict === 'interrupt');
      const keep = inSet.filter((r) => KEEP_TALKING.includes(r.label as Case['label']));
      const falseStops = keep.filter((r) => r.verdict === 'interrupt');
      const bcSpotted = keep.filter((r) => r.verdict === 'backchannel');
      const at = caught.map((r) => r.verdictAt!);
      console.log(
        `  ${set}: caught ${caught.length}/${interrupts.length} interruptions (from voice onset p50 ${pct(at, 50)} / p95 ${pct(at, 95)} ms); ` +
          `false stops ${falseStops.length}/${keep.length} (${falseStops.map((r) => `${r.name} -> "${r.spotted.map((h) => h.words).join(' | ')}"`).join('; ')}); ` +
          `said backchannel on ${bcSpotted.length}/${keep.length}`,
      );
    }
    results[`${lists.join('+')} ${threshold} postspeech ${postspeech || 'default'}`] = rows;
  }
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/bargein-keywords.json'), JSON.stringify({ waitMs, keywords: KEYWORDS, results }, null, 1));
  console.log('\nwrote bench/results/bargein-keywords.json');
}

await main();
