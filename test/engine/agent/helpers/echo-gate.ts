/**
 * The gate after the echo canceller (UserInput) with stand-ins for the canceller and the guard: which of a 20 ms
 * frame's two 10 ms blocks it lets through to the VAD. The VAD is scripted and hears nothing.
 */
import { vadPort } from '../../../../electron/engine/agent/ports.js';
import { UserInput } from '../../../../electron/engine/agent/user-input.js';
import { NearEndVoice } from '../../../../electron/engine/audio/aec/near-end-voice.js';
import type { EchoCanceller } from '../../../../electron/engine/audio/aec/echo-canceller.js';
import type { AudioFrame } from '../../../../electron/engine/audio/frame.js';
import type { EchoGuard } from '../../../../electron/engine/turn/echo-guard.js';
import { ScriptedVadModel } from '../../../../electron/engine/vad/vad-model.js';
import { VadProcessor } from '../../../../electron/engine/vad/vad-processor.js';
import { frameOf } from '../../vad/helpers/room-sound.js';

export interface GateStandIns {
  /** The echo the guard predicts in every block (power). */
  predictedEcho: number;
  /** Whether the guard passes the raw mic (otherwise it zeroes every block). */
  guardPasses: boolean;
  /** What the canceller says it removes of the echo alone (dB), null before it knows. */
  attenuationDb: number | null;
  nearEndVoice?: NearEndVoice;
}

/** The canceller's output is the mic itself: only the guard's verdict, the credit and the voice bins decide. */
export async function blocksPassed(mic: Float32Array, s: GateStandIns): Promise<boolean[]> {
  const canceller = {
    process: (frame: AudioFrame) => ({ ...frame, data: frame.data.slice() }),
    passedThrough: false,
    attenuationDb: s.attenuationDb,
    pathUnexplained: false,
    nearEndVoice: s.nearEndVoice ?? new NearEndVoice(),
    pushReference: () => {},
  } as unknown as EchoCanceller;
  const echoGuard = {
    processMic: (frame: AudioFrame) => ({ frame: s.guardPasses ? frame : { ...frame, data: new Float32Array(frame.data.length) } }),
    predictedEcho: () => s.predictedEcho,
    expectsEcho: () => true,
    pushReference: () => {},
  } as unknown as EchoGuard;
  const vad = new VadProcessor({ model: new ScriptedVadModel(() => 0), options: { prefixPaddingMs: 0 } });
  const input = new UserInput({ vad: vadPort(vad), stt: null, canceller, echoGuard, prefixPaddingMs: 0 });
  const processed: AudioFrame[] = [];
  input.on('processed', (f) => processed.push(f));
  await input.pushMicFrame(frameOf(mic, 0));
  return [0, 160].map((start) => processed[0]!.data.subarray(start, start + 160).some((v) => v !== 0));
}
