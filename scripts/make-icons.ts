/**
 * `npx tsx scripts/make-icons.ts`: draws the app icon and the tray state icons into
 * resources/ as PNGs (no image library needed: shapes by signed distance, 4x4 supersampled,
 * encoded with node:zlib). Re-run after changing a shape or colour; the PNGs are committed.
 *
 *   resources/icon.png                  1024 px app icon (electron-builder derives .icns/.ico)
 *   resources/tray/<state>.png          16 px, and <state>@2x.png 32 px for HiDPI
 *   states: idle (grey ring), listening (green dot), speaking (blue dot, sound ring), muted (red dot, slash)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

type Rgba = [number, number, number, number];
/** Coverage in [0,1] of a shape at a point in unit coordinates (0..1 across the icon). */
type Shape = (x: number, y: number) => { color: Rgba; inside: boolean }[];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function encodePng(size: number, pixels: Uint8Array): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(pixels.buffer, y * size * 4, size * 4).copy(rows, y * (size * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Layers are painted in order (later on top); 4x4 samples per pixel for smooth edges. */
function render(size: number, shape: Shape): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          let pixel: Rgba = [0, 0, 0, 0];
          for (const layer of shape((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size)) {
            if (layer.inside) pixel = layer.color;
          }
          // Premultiplied accumulation so transparent samples do not darken edges.
          r += pixel[0] * pixel[3];
          g += pixel[1] * pixel[3];
          b += pixel[2] * pixel[3];
          a += pixel[3];
        }
      }
      const i = (py * size + px) * 4;
      out[i] = a ? Math.round(r / a) : 0;
      out[i + 1] = a ? Math.round(g / a) : 0;
      out[i + 2] = a ? Math.round(b / a) : 0;
      out[i + 3] = Math.round(a / (n * n));
    }
  }
  return out;
}

const distance = (x: number, y: number) => Math.hypot(x - 0.5, y - 0.5);
const disc = (radius: number, color: Rgba) => (x: number, y: number) => ({ color, inside: distance(x, y) <= radius });
const ring = (outer: number, inner: number, color: Rgba) => (x: number, y: number) => ({ color, inside: distance(x, y) <= outer && distance(x, y) >= inner });
const slash = (halfWidth: number, color: Rgba, within: number) => (x: number, y: number) => ({
  color,
  inside: Math.abs(x - 0.5 - (y - 0.5)) / Math.SQRT2 <= halfWidth && distance(x, y) <= within,
});
const bar = (x0: number, x1: number, y0: number, y1: number, color: Rgba) => (x: number, y: number) => ({
  color,
  inside: x >= x0 && x <= x1 && y >= y0 && y <= y1,
});
const layers =
  (...fns: ((x: number, y: number) => { color: Rgba; inside: boolean })[]): Shape =>
  (x, y) =>
    fns.map((f) => f(x, y));

const GREY: Rgba = [128, 128, 128, 255];
const GREEN: Rgba = [46, 160, 67, 255];
const BLUE: Rgba = [37, 99, 235, 255];
const RED: Rgba = [207, 34, 46, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const INK: Rgba = [24, 32, 56, 255];

export const TRAY_SHAPES: Record<string, Shape> = {
  idle: layers(ring(0.44, 0.3, GREY)),
  listening: layers(disc(0.4, GREEN)),
  speaking: layers(ring(0.48, 0.4, BLUE), disc(0.3, BLUE)),
  muted: layers(disc(0.44, RED), slash(0.07, WHITE, 0.34)),
};

// The app icon: a dark disc with two white bars, the "pause / cut in" mark.
const APP_ICON = layers(disc(0.47, INK), bar(0.36, 0.45, 0.3, 0.7, WHITE), bar(0.55, 0.64, 0.3, 0.7, WHITE));

function write(relative: string, size: number, shape: Shape): void {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, encodePng(size, render(size, shape)));
  process.stdout.write(`${relative} (${size}x${size})\n`);
}

write('resources/icon.png', 1024, APP_ICON);
for (const [state, shape] of Object.entries(TRAY_SHAPES)) {
  write(`resources/tray/${state}.png`, 16, shape);
  write(`resources/tray/${state}@2x.png`, 32, shape);
}
