/**
 * The simulate command's scenario file (documented in README.md, "Simulating a conversation").
 * Paths are absolute or relative to the scenario file.
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { NONLINEARITY_SHAPES } from './echo-path.js';
import { NOISE_COLOURS } from './room-noise.js';
import {
  SettingsPatchSchema,
  defaultSettings,
  issuesOf,
  mergeSettings,
  validateSettings,
  type Settings,
  type SettingsPatch,
} from '../../../contract/settings/index.js';

const PathChangeSchema = z
  .object({
    atMs: z.number().min(0, 'echo.pathChange.atMs must be 0 or more.'),
    rirWav: z.string().min(1).optional(),
    rt60Ms: z.number().min(0).max(1500).optional(),
    delayMs: z.number().min(0).max(1000).optional(),
    gainDb: z.number().min(-80).max(20).optional(),
  })
  .strict();

export const ScenarioSchema = z
  .object({
    /** What the agent says; the user clips are placed relative to its first audio. */
    agentSays: z.string().trim().min(1, 'agentSays must be a non-empty text.'),
    user: z
      .array(
        z
          .object({
            wav: z.string().min(1, 'wav must name a WAV file.'),
            /** When the clip starts, in ms after the agent's first audio. */
            atMs: z.number().min(0, 'atMs must be 0 or more.'),
            /** Oracle transcript, delivered word by word over the clip's voiced span. */
            text: z.string().optional(),
            /** Level change for the clip in dB (default 0). */
            gainDb: z.number().min(-60).max(20).optional(),
          })
          .strict(),
      )
      .default([]),
    /** The agent's own output fed back into the microphone. */
    echo: z
      .object({
        /** Echo level relative to what the speaker plays (with `rirWav`: the response normalized to unit energy). */
        gainDb: z.number().min(-80, 'echo.gainDb must be at least -80.').max(20, 'echo.gainDb must be at most 20.'),
        delayMs: z.number().min(0).max(1000, 'echo.delayMs must be at most 1000.'),
        /** Room reverberation (RT60) added to the echo path; 0 = a single delayed copy. Ignored with `rirWav`. */
        rt60Ms: z.number().min(0).max(1500, 'echo.rt60Ms must be at most 1500.').optional(),
        /** A room impulse response (WAV, any rate, first channel), played after `delayMs`. */
        rirWav: z.string().min(1, 'echo.rirWav must name a WAV file.').optional(),
        /**
         * Loudspeaker distortion with the drive g in dB (0 = mild at full scale, 12 = strong); `shape` (echo-path.ts):
         * soft (default) tanh(g x) / g, hard clipping, asymmetric clipping, or rattle (odd harmonics and a buzz).
         */
        nonlinearity: z
          .object({
            driveDb: z.number().min(0).max(40, 'echo.nonlinearity.driveDb must be at most 40.'),
            shape: z.enum(NONLINEARITY_SHAPES, { message: `echo.nonlinearity.shape must be one of ${NONLINEARITY_SHAPES.join(', ')}.` }).optional(),
          })
          .strict()
          .optional(),
        /** The speaker's clock against the mic's, in parts per million (typical USB/laptop devices: within ±100). */
        driftPpm: z.number().min(-1000, 'echo.driftPpm must be at least -1000.').max(1000, 'echo.driftPpm must be at most 1000.').optional(),
        /**
         * The echo path changes (the laptop moved) this long after the agent's first audio; unset fields keep the
         * first path's values, and without a new room a different one is generated. A list: several changes, in time order.
         */
        pathChange: z.union([PathChangeSchema, z.array(PathChangeSchema).min(1, 'echo.pathChange must list at least one change.')]).optional(),
      })
      .strict()
      .optional(),
    /**
     * How the clips' texts reach the session: "streaming" (default: interim words with a
     * streaming recognizer's lag, see recognizer-model.ts), "oracle" (each word as it is spoken),
     * "none" (no recognizer: the texts are labels only). An object tunes the streaming timing.
     */
    recognizer: z
      .union([
        z.enum(['streaming', 'oracle', 'none']),
        z
          .object({
            mode: z.enum(['streaming', 'oracle']).default('streaming'),
            chunkMs: z.number().min(10, 'recognizer.chunkMs must be at least 10.').max(2000).optional(),
            lookaheadMs: z.number().min(0).max(2000).optional(),
            computeMs: z.number().min(0).max(2000).optional(),
            finalLagMs: z.number().min(0).max(10_000).optional(),
            wordErrorRate: z
              .number()
              .min(0, 'recognizer.wordErrorRate must be between 0 and 1.')
              .max(1, 'recognizer.wordErrorRate must be between 0 and 1.')
              .optional(),
            seed: z.number().int().optional(),
          })
          .strict(),
      ])
      .default('streaming'),
    /** What the (scripted) language model answers to each user turn, in order. */
    agentReplies: z.array(z.string().min(1)).default(['Okay.']),
    /** Local TTS voice (flite). */
    voice: z.enum(['slt', 'kal16', 'awb', 'rms']).default('slt'),
    /** A partial settings object, e.g. {"conversation": {"strategies": []}}. */
    settings: z.record(z.string(), z.unknown()).default({}),
    /** A room's steady noise at the mic (white, seeded), in dBFS RMS; unset = a silent room. A laptop in a quiet room is about -60, an office -50. */
    roomNoiseDbfs: z.number().min(-100, 'roomNoiseDbfs must be at least -100.').max(-10, 'roomNoiseDbfs must be at most -10.').optional(),
    /** The room noise's colour: white (flat), pink (-3 dB per octave, most rooms) or brown (-6 dB per octave, a rumbling room). */
    roomNoiseColour: z.enum(NOISE_COLOURS, { message: `roomNoiseColour must be one of ${NOISE_COLOURS.join(', ')}.` }).default('white'),
    /** Extra simulated time after the agent finished or was cut off (default 4000 ms). */
    tailMs: z.number().min(0).max(60_000).default(4000),
  })
  .strict();

export type Scenario = z.infer<typeof ScenarioSchema>;

export interface LoadedScenario extends Omit<Scenario, 'settings'> {
  settings: Settings;
  baseDir: string;
}

/** A scenario's path changes as a list, in time order (one change may be given as an object). */
export function pathChanges<T extends { atMs: number }>(change: T | T[] | undefined): T[] {
  if (change === undefined) return [];
  return (Array.isArray(change) ? [...change] : [change]).sort((a, b) => a.atMs - b.atMs);
}

export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

export async function loadScenarioFile(path: string): Promise<LoadedScenario> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    throw new ScenarioError(`${path}: cannot read the scenario file (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new ScenarioError(`${path}: not valid JSON (${(error as Error).message}).`);
  }
  return parseScenario(json, dirname(resolve(path)), path);
}

export function parseScenario(json: unknown, baseDir: string, source = 'scenario'): LoadedScenario {
  const parsed = ScenarioSchema.safeParse(json);
  if (!parsed.success) {
    const problems = issuesOf(parsed.error).map((i) => `${i.path || '(top level)'}: ${i.message}`);
    throw new ScenarioError(`${source}: ${problems.join('; ')}`);
  }
  const patch = SettingsPatchSchema.safeParse(parsed.data.settings);
  if (!patch.success) {
    const problems = issuesOf(patch.error).map((i) => `settings.${i.path}: ${i.message}`);
    throw new ScenarioError(`${source}: ${problems.join('; ')}`);
  }
  const checked = validateSettings(mergeSettings(defaultSettings(), patch.data as SettingsPatch));
  if (!checked.ok) {
    throw new ScenarioError(`${source}: ${checked.issues.map((i) => `settings.${i.path}: ${i.message}`).join('; ')}`);
  }
  const at = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));
  const user = parsed.data.user.map((u) => ({ ...u, wav: at(u.wav) }));
  const resolved = <C extends { rirWav?: string | undefined }>(c: C): C => (c.rirWav !== undefined ? { ...c, rirWav: at(c.rirWav) } : c);
  const e = parsed.data.echo;
  const echo = e && {
    ...e,
    ...(e.rirWav !== undefined ? { rirWav: at(e.rirWav) } : {}),
    ...(e.pathChange ? { pathChange: Array.isArray(e.pathChange) ? e.pathChange.map(resolved) : resolved(e.pathChange) } : {}),
  };
  return { ...parsed.data, user, echo, settings: checked.settings, baseDir };
}
