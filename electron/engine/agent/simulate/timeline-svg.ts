/**
 * A timeline picture of a simulation: agent output and user audio envelopes, VAD probability,
 * and the barge-in marks (duck, pause, resume, interrupt). Plain SVG, no dependencies.
 */
import type { SimulationEvent, SimulationTraces } from './run-scenario.js';

const RATE = 16_000;
const WIDTH = 1200;
const ROW = 90;
const LEFT = 90;

const MARKS: Record<string, { color: string; label: string }> = {
  ducked: { color: '#d89a00', label: 'duck' },
  paused: { color: '#c05000', label: 'pause' },
  unducked: { color: '#3a8a3a', label: 'resume' },
  falseInterruption: { color: '#3a8a3a', label: 'false alarm' },
  interrupted: { color: '#c00000', label: 'interrupt' },
  userStartedSpeaking: { color: '#0060c0', label: 'VAD on' },
  userStoppedSpeaking: { color: '#7090b0', label: 'VAD off' },
};

export function timelineSvg(traces: Omit<SimulationTraces, 'cancelled'>, events: SimulationEvent[], title: string): string {
  const durationMs = Math.max(1, traces.durationMs);
  const x = (tMs: number) => LEFT + ((WIDTH - LEFT - 10) * tMs) / durationMs;
  const rows = [
    { name: 'agent output', path: envelopePath(traces.output, x, 30) },
    { name: 'user voice', path: envelopePath(traces.user, x, 30 + ROW) },
    { name: 'microphone', path: envelopePath(traces.mic, x, 30 + 2 * ROW) },
  ];
  const vadTop = 30 + 3 * ROW;
  const vadPath = traces.vad.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(v.tMs).toFixed(1)},${(vadTop + ROW - 10 - v.p * (ROW - 20)).toFixed(1)}`).join(' ');
  const height = vadTop + ROW + 40;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${LEFT}" y="16" font-size="13">${escape(title)}</text>`,
  ];
  rows.forEach((r, i) => {
    const top = 30 + i * ROW;
    parts.push(`<text x="4" y="${top + ROW / 2}">${r.name}</text>`);
    parts.push(`<line x1="${LEFT}" y1="${top + ROW / 2}" x2="${WIDTH - 10}" y2="${top + ROW / 2}" stroke="#ddd"/>`);
    parts.push(`<path d="${r.path}" fill="#5a7fb0" stroke="none"/>`);
  });
  parts.push(`<text x="4" y="${vadTop + ROW / 2}">VAD p</text>`);
  parts.push(`<rect x="${LEFT}" y="${vadTop + 10}" width="${WIDTH - LEFT - 10}" height="${ROW - 20}" fill="none" stroke="#ddd"/>`);
  parts.push(`<path d="${vadPath}" fill="none" stroke="#0060c0"/>`);
  for (const e of events) {
    const base = MARKS[e.type];
    if (!base) continue;
    // A duck on a tentative onset, and its withdrawal, are told apart from the confirmed ones.
    const mark = e.tentative === true ? { ...base, label: 'duck?' } : e.withdrawn === true ? { ...base, label: 'withdrawn' } : base;
    const px = x(e.tMs).toFixed(1);
    parts.push(`<line x1="${px}" y1="28" x2="${px}" y2="${vadTop + ROW}" stroke="${mark.color}" stroke-dasharray="3,2"/>`);
    parts.push(`<text x="${px}" y="${vadTop + ROW + 14}" fill="${mark.color}" transform="rotate(20 ${px} ${vadTop + ROW + 14})">${mark.label}</text>`);
  }
  for (let s = 0; s * 1000 <= durationMs; s++) {
    parts.push(`<text x="${x(s * 1000).toFixed(1)}" y="${height - 4}" fill="#888">${s}s</text>`);
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** Symmetric peak envelope in 20 ms columns. */
function envelopePath(samples: Float32Array, x: (tMs: number) => number, top: number): string {
  const step = RATE / 50;
  const mid = top + ROW / 2;
  const half = ROW / 2 - 6;
  const upper: string[] = [];
  const lower: string[] = [];
  for (let i = 0; i < samples.length; i += step) {
    let peak = 0;
    for (let k = i; k < Math.min(samples.length, i + step); k++) peak = Math.max(peak, Math.abs(samples[k]!));
    const px = x((i * 1000) / RATE).toFixed(1);
    upper.push(`${px},${(mid - peak * half).toFixed(1)}`);
    lower.unshift(`${px},${(mid + peak * half).toFixed(1)}`);
  }
  if (upper.length === 0) return '';
  return `M${upper.join(' L')} L${lower.join(' L')} Z`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
