/**
 * The canceller's kernels as WebAssembly code (see wasm-kernels.ts for why and how they are
 * used): filterPair and adapt, each the JavaScript loop it replaces, operation for operation,
 * two bins per f64x2 instruction.
 */
import { F64, I32, V128, countUp, element, name, op, section, uleb, vec } from './wasm-encoder.js';

/**
 * filterPair(hr, hi, rows, ar, ai, br, bi, weight, out, M, K, stride): for each bin pair k, k+1
 * and each partition p (history row at byte offset rows[p] from hr / hi, filter row p * K):
 *   out[0..3] = sum_p A_p X_p, B_p X_p (re, im);  out[4] = sum_p weight_p |X_p|^2;  out[5] = sum_p |A_p|^2 |X_p|^2,
 * each output `stride` bytes after the last. All addresses in bytes.
 */
function filterPairFunction(): number[] {
  const [hr, hi, rows, war, wai, wbr, wbi, weight, out, M, K, stride] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const [k, p, xo, wo, kb] = [12, 13, 14, 15, 16];
  const [sar, sai, sbr, sbi, sp, sa, xr, xi, ar, ai, br, bi, x2] = [17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29];
  const load = (base: number, offset: number) => [...op.get(base), ...op.get(offset), ...op.add, ...op.vLoad];
  const mul = (a: number, b: number) => [...op.get(a), ...op.get(b), ...op.f64x2Mul];
  const accumulate = (sum: number, term: number[]) => [...op.get(sum), ...term, ...op.f64x2Add, ...op.set(sum)];
  const sums = [sar, sai, sbr, sbi, sp, sa];
  const body = [
    ...op.i32(0),
    ...op.set(k),
    ...op.loop,
    ...op.get(k),
    ...op.i32(3),
    ...op.shl,
    ...op.set(kb),
    ...sums.flatMap((s) => [...op.vZero, ...op.set(s)]),
    ...op.i32(0),
    ...op.set(p),
    ...op.get(kb),
    ...op.set(wo),
    ...op.loop,
    // xo = rows[p] + 8k: this partition's history row, at this bin pair.
    ...element(rows, p, 2),
    ...op.i32Load,
    ...op.get(kb),
    ...op.add,
    ...op.set(xo),
    ...(
      [
        [xr, hr, xo],
        [xi, hi, xo],
        [ar, war, wo],
        [ai, wai, wo],
        [br, wbr, wo],
        [bi, wbi, wo],
      ] as const
    ).flatMap(([dst, base, offset]) => [...load(base, offset), ...op.set(dst)]),
    // The JavaScript loop's expressions, operation for operation.
    ...accumulate(sar, [...mul(ar, xr), ...mul(ai, xi), ...op.f64x2Sub]),
    ...accumulate(sai, [...mul(ar, xi), ...mul(ai, xr), ...op.f64x2Add]),
    ...accumulate(sbr, [...mul(br, xr), ...mul(bi, xi), ...op.f64x2Sub]),
    ...accumulate(sbi, [...mul(br, xi), ...mul(bi, xr), ...op.f64x2Add]),
    ...mul(xr, xr),
    ...mul(xi, xi),
    ...op.f64x2Add,
    ...op.set(x2),
    ...accumulate(sp, [...element(weight, p, 3), ...op.f64Load, ...op.f64x2Splat, ...op.get(x2), ...op.f64x2Mul]),
    ...accumulate(sa, [...mul(ar, ar), ...mul(ai, ai), ...op.f64x2Add, ...op.get(x2), ...op.f64x2Mul]),
    // Next partition: its filter row is K values on.
    ...element(wo, K, 3),
    ...op.set(wo),
    ...countUp(p, 1, M),
    ...op.end,
    ...sums.flatMap((s, j) => [...op.get(out), ...op.get(stride), ...op.i32(j), ...op.mul, ...op.add, ...op.get(kb), ...op.add, ...op.get(s), ...op.vStore]),
    ...countUp(k, 2, K),
    ...op.end,
    ...op.end,
  ];
  const locals = vec([
    [...uleb(5), I32],
    [...uleb(13), V128],
  ]);
  return [...locals, ...body];
}

/**
 * adapt(hr, hi, rows, re, im, step, eRe, eIm, weight, energy, M, K): for each partition p with
 * weight_p != 0 and each bin k (pairs, then the last bin of an odd count alone, so no write
 * leaves the partition's row): mu = weight_p step_k, W += mu conj(X_p) E, and energy_p = sum_k |W|^2
 * summed bin by bin in order (the lanes are added one after the other, as the JavaScript loop adds).
 */
function adaptFunction(): number[] {
  const [hr, hi, rows, re, im, step, eRe, eIm, weight, energy, M, K] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const [p, xo, wo, kb, pairBytes] = [12, 13, 14, 15, 16];
  const [g, en, mus, xrs, xis, ers, eis, wrs, wis] = [17, 18, 19, 20, 21, 22, 23, 24, 25];
  const [gv, mu, xr, xi, er, ei, wr, wi, e2] = [26, 27, 28, 29, 30, 31, 32, 33, 34];
  const at = (base: number, ...offsets: number[]) => [...op.get(base), ...offsets.flatMap((o) => [...op.get(o), ...op.add])];
  // The update of one coefficient pair (vector or scalar), in the JavaScript loop's order of operations.
  const update = (v: boolean) => {
    const [M_, A, S] = v ? [op.f64x2Mul, op.f64x2Add, op.f64x2Sub] : [op.f64Mul, op.f64Add, op.f64Sub];
    const L = v ? op.vLoad : op.f64Load;
    const St = v ? op.vStore : op.f64Store;
    const [m, a, b, c, d, r, i] = v ? [mu, xr, xi, er, ei, wr, wi] : [mus, xrs, xis, ers, eis, wrs, wis];
    const loadInto = (dst: number, base: number, ...offsets: number[]) => [...at(base, ...offsets), ...L, ...op.set(dst)];
    // x1 y1 (join) x2 y2: a multiply, a multiply, and the sum or difference of the two.
    const products = (x1: number, y1: number, x2: number, y2: number, join: number[]) => [
      ...op.get(x1),
      ...op.get(y1),
      ...M_,
      ...op.get(x2),
      ...op.get(y2),
      ...M_,
      ...join,
    ];
    // W + mu * (products), into `dst`.
    const stepped = (w: number, dst: number, sum: number[]) => [...at(w, wo, kb), ...L, ...op.get(m), ...sum, ...M_, ...A, ...op.set(dst)];
    const storeFrom = (w: number, src: number) => [...at(w, wo, kb), ...op.get(src), ...St];
    return [
      ...op.get(v ? gv : g),
      ...at(step, kb),
      ...L,
      ...M_,
      ...op.set(m),
      ...loadInto(a, hr, xo, kb),
      ...loadInto(b, hi, xo, kb),
      ...loadInto(c, eRe, kb),
      ...loadInto(d, eIm, kb),
      // wr = W + mu (xr er + xi ei); wi = W + mu (xr ei - xi er)
      ...stepped(re, r, products(a, c, b, d, A)),
      ...stepped(im, i, products(a, d, b, c, S)),
      ...storeFrom(re, r),
      ...storeFrom(im, i),
    ];
  };
  const addEnergy = (term: number[]) => [...op.get(en), ...term, ...op.f64Add, ...op.set(en)];
  const square = (r: number, i: number, v: boolean) => {
    const [mul, add] = v ? [op.f64x2Mul, op.f64x2Add] : [op.f64Mul, op.f64Add];
    return [...op.get(r), ...op.get(r), ...mul, ...op.get(i), ...op.get(i), ...mul, ...add];
  };
  const body = [
    ...op.get(K),
    ...op.i32(-2),
    ...op.and,
    ...op.i32(3),
    ...op.shl,
    ...op.set(pairBytes),
    ...op.i32(0),
    ...op.set(p),
    ...op.loop,
    ...op.block,
    ...element(weight, p, 3),
    ...op.f64Load,
    ...op.tee(g),
    ...op.f64Zero,
    ...op.f64Eq,
    ...op.brIf(0),
    ...op.get(g),
    ...op.f64x2Splat,
    ...op.set(gv),
    ...element(rows, p, 2),
    ...op.i32Load,
    ...op.set(xo),
    ...op.get(p),
    ...op.get(K),
    ...op.mul,
    ...op.i32(3),
    ...op.shl,
    ...op.set(wo),
    ...op.f64Zero,
    ...op.set(en),
    ...op.i32(0),
    ...op.set(kb),
    ...op.block,
    ...op.get(pairBytes),
    ...op.eqz,
    ...op.brIf(0),
    ...op.loop,
    ...update(true),
    // |W|^2 of both bins, added to the energy lane 0 first: bin k, then k + 1, as the JavaScript loop does.
    ...square(wr, wi, true),
    ...op.set(e2),
    ...addEnergy([...op.get(e2), ...op.f64x2Lane(0)]),
    ...addEnergy([...op.get(e2), ...op.f64x2Lane(1)]),
    ...countUp(kb, 16, pairBytes),
    ...op.end,
    ...op.end,
    // An odd bin count: the last bin alone.
    ...op.get(K),
    ...op.i32(1),
    ...op.and,
    ...op.if,
    ...update(false),
    ...addEnergy(square(wrs, wis, false)),
    ...op.end,
    ...element(energy, p, 3),
    ...op.get(en),
    ...op.f64Store,
    ...op.end,
    ...countUp(p, 1, M),
    ...op.end,
    ...op.end,
  ];
  const locals = vec([
    [...uleb(5), I32],
    [...uleb(9), F64],
    [...uleb(9), V128],
  ]);
  return [...locals, ...body];
}

export function moduleBytes(): Uint8Array {
  const functions = [filterPairFunction(), adaptFunction()];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([[0x60, ...vec(new Array<number[]>(12).fill([I32])), ...vec([])]])),
    // The memory comes from the arena: imported, at least one page.
    ...section(2, vec([[...name('aec'), ...name('memory'), 0x02, 0x00, ...uleb(1)]])),
    // Both functions have the one type: twelve i32 in, nothing out.
    ...section(3, vec([[0], [0]])),
    ...section(
      7,
      vec([
        [...name('filterPair'), 0x00, 0],
        [...name('adapt'), 0x00, 1],
      ]),
    ),
    ...section(10, vec(functions.map((fn) => [...uleb(fn.length), ...fn]))),
  ]);
}
