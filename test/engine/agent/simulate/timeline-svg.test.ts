import { describe, expect, it } from 'vitest';
import { timelineSvg } from '../../../../electron/engine/agent/simulate/timeline-svg.js';

const traces = { output: new Float32Array(16_000), mic: new Float32Array(16_000), user: new Float32Array(16_000), vad: [{ tMs: 0, p: 0.1 }], durationMs: 1000 };

describe('the simulate timeline picture', () => {
  it('marks a duck on a tentative onset and its withdrawal apart from confirmed ones', () => {
    const svg = timelineSvg(
      traces,
      [
        { tMs: 100, type: 'ducked', tentative: true },
        { tMs: 260, type: 'unducked', withdrawn: true },
        { tMs: 500, type: 'ducked' },
      ],
      'test',
    );
    expect(svg).toContain('>duck?</text>');
    expect(svg).toContain('>withdrawn</text>');
    expect(svg).toContain('>duck</text>');
  });
});
