import { describe, expect, it } from 'vitest';
import { RoomLevel } from '../../../electron/engine/vad/room-level.js';
import { frameOf, noise } from './helpers/room-sound.js';

describe("the room's level, for the voice rule without words", () => {
  it('is the room even when the echo gate zeroed half of every frame (the agent talked from the start)', () => {
    const room = new RoomLevel();
    for (let i = 0; i < 100; i++) {
      const data = noise(320, -45, i + 1);
      data.fill(0, 160, 320); // the gate's zeroed block
      room.push(frameOf(data, i * 20), false);
    }
    expect(room.db).toBeGreaterThan(-47);
    expect(room.db).toBeLessThan(-44);
  });

  it('is unknown in a digitally silent room, or one where every block was gated', () => {
    const room = new RoomLevel();
    for (let i = 0; i < 50; i++) room.push(frameOf(new Float32Array(320), i * 20), false);
    expect(room.db).toBeNull();
  });

  it("does not learn the user's voice as the room", () => {
    const room = new RoomLevel();
    for (let i = 0; i < 50; i++) room.push(frameOf(noise(320, -60, i + 1), i * 20), false);
    for (let i = 50; i < 150; i++) room.push(frameOf(noise(320, -20, i + 1), i * 20), true);
    expect(room.db).toBeLessThan(-59);
  });

  it('follows a room that got louder, within 2.5 s', () => {
    const room = new RoomLevel();
    for (let i = 0; i < 100; i++) room.push(frameOf(noise(320, -70, i + 1), i * 20), false);
    for (let i = 100; i < 225; i++) room.push(frameOf(noise(320, -45, i + 1), i * 20), false);
    expect(room.db).toBeGreaterThan(-47);
  });
});

describe("the room's level does not learn the start of the user's voice", () => {
  it('the 300 ms before an onset are not kept (the VAD opens late on a soft start)', () => {
    const room = new RoomLevel();
    for (let i = 0; i < 50; i++) room.push(frameOf(noise(320, -70, i + 1), i * 20), false);
    // 280 ms of voice the VAD has not opened for yet, then it opens.
    for (let i = 50; i < 64; i++) room.push(frameOf(noise(320, -20, i + 1), i * 20), false);
    room.push(frameOf(noise(320, -20, 99), 64 * 20), true);
    // Between two segments of one sentence: the VAD closed, the voice goes on 200 ms later.
    for (let i = 65; i < 75; i++) room.push(frameOf(noise(320, -25, i + 1), i * 20), false);
    room.push(frameOf(noise(320, -20, 98), 75 * 20), true);
    expect(room.db).toBeLessThan(-65);
  });

  it('too few blocks with sound in them (a silent room, a few passed by the gate) say nothing', () => {
    const room = new RoomLevel();
    for (let i = 0; i < 40; i++) room.push(frameOf(i < 5 ? noise(320, -50, i + 1) : new Float32Array(320), i * 20), false);
    expect(room.db).toBeNull();
  });
});
