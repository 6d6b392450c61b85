/**
 * Just enough of the WebAssembly binary format to write the canceller's kernels by hand
 * (wasm-kernel-code.ts): LEB128 numbers, vectors, sections, and the opcodes the kernels use
 * (core and fixed-width SIMD). Learned from the WebAssembly core specification, binary format.
 */
export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
export const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
export const name = (s: string): number[] => vec([...s].map((c) => [c.charCodeAt(0)]));

/** The instructions the kernel uses (WebAssembly core + fixed-width SIMD opcodes). */
export const op = {
  get: (i: number) => [0x20, ...uleb(i)],
  set: (i: number) => [0x21, ...uleb(i)],
  tee: (i: number) => [0x22, ...uleb(i)],
  i32: (v: number) => [0x41, ...sleb(v)],
  add: [0x6a],
  mul: [0x6c],
  shl: [0x74],
  and: [0x71],
  ltS: [0x48],
  eqz: [0x45],
  f64Zero: [0x44, 0, 0, 0, 0, 0, 0, 0, 0],
  f64Add: [0xa0],
  f64Sub: [0xa1],
  f64Mul: [0xa2],
  f64Eq: [0x61],
  f64Store: [0x39, 3, 0],
  /** i32.load / f64.load with natural alignment, offset 0. */
  i32Load: [0x28, 2, 0],
  f64Load: [0x2b, 3, 0],
  /** v128.load / v128.store, 8-byte alignment hint (an unaligned access is still correct). */
  vLoad: [0xfd, 0x00, 3, 0],
  vStore: [0xfd, 0x0b, 3, 0],
  vZero: [0xfd, 0x0c, ...new Array<number>(16).fill(0)],
  f64x2Splat: [0xfd, 0x14],
  f64x2Lane: (lane: number) => [0xfd, 0x21, lane],
  f64x2Add: [0xfd, ...uleb(240)],
  f64x2Sub: [0xfd, ...uleb(241)],
  f64x2Mul: [0xfd, ...uleb(242)],
  loop: [0x03, 0x40],
  block: [0x02, 0x40],
  if: [0x04, 0x40],
  end: [0x0b],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
};

/** Loop back (to the innermost loop) while `local` += `by` stays below the local `limit`. */
export const countUp = (local: number, by: number, limit: number): number[] => [
  ...op.get(local),
  ...op.i32(by),
  ...op.add,
  ...op.tee(local),
  ...op.get(limit),
  ...op.ltS,
  ...op.brIf(0),
];

/** The address base + (index << shift): element `index` of an array of 2^shift-byte values. */
export const element = (base: number, index: number, shift: number): number[] => [...op.get(base), ...op.get(index), ...op.i32(shift), ...op.shl, ...op.add];
