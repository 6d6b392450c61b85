/**
 * A compact real FFT for the echo canceller's fixed power-of-two frame sizes. A real frame of
 * `size` samples is read as `size/2` complex values (even samples real, odd imaginary),
 * transformed with an iterative decimation-in-time FFT and split into the `size/2 + 1`
 * non-negative bins. Tables are built once per size, so a transform allocates nothing.
 *
 * Speed (the canceller runs eight 256-point transforms per 8 ms block): the complex data
 * is interleaved (re, im) in one array, so the real frame IS the packed complex sequence;
 * the bit reversal is folded into the first pass, which does the first two or three stages
 * at once without a general multiply (twiddles 1, -i and, for three, e^(-i pi/4)); the
 * remaining stages go two at a time (radix-2^2) with their twiddles laid out in the order
 * they are read. Four passes over the data for 256 points, against six before: 1.6-1.9 us per
 * transform against 3.3-3.8 (same process, min of 8 runs).
 */
export class RealFft {
  readonly size: number;
  /** Non-negative frequency bins: size / 2 + 1. */
  readonly bins: number;
  private readonly half: number;
  /** Bit-reversed index (log2(half) bits) of each complex position. */
  private readonly bitReversed: Uint32Array;
  /** Stages the first pass does: 1 (half = 2), 2 or 3 (so that an even number remains). */
  private readonly firstStages: number;
  /**
   * Per radix-2^2 pass (stages `span` and `2 span`), for j < span / 2: cos and sin of the
   * angles theta = 2 pi m j / (2 span), m = 1, 2, 3 (w^mj = e^(-i theta)), six values per j.
   */
  private readonly passTwiddles: Float64Array[];
  private readonly passSpans: number[];
  /** Twiddles of the real split: e^(-2*pi*i*k/size), k = 0..half. */
  private readonly splitCos: Float64Array;
  private readonly splitSin: Float64Array;
  /** The complex work array, interleaved; and the inverse's natural-order input. */
  private readonly z: Float64Array;
  private readonly w: Float64Array;

  constructor(size: number) {
    if (!Number.isInteger(Math.log2(size)) || size < 4) throw new RangeError(`RealFft: size must be a power of two >= 4, got ${size}.`);
    this.size = size;
    const h = size / 2;
    this.half = h;
    this.bins = h + 1;
    const bits = Math.log2(h);
    this.bitReversed = new Uint32Array(h);
    for (let i = 0; i < h; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.bitReversed[i] = r;
    }
    this.firstStages = bits === 1 ? 1 : bits % 2 === 0 ? 2 : 3;
    this.passTwiddles = [];
    this.passSpans = [];
    for (let span = 2 << this.firstStages; span <= h; span <<= 2) {
      const quarter = span >> 1;
      const t = new Float64Array(6 * quarter);
      for (let j = 0; j < quarter; j++) {
        for (let m = 1; m <= 3; m++) {
          const theta = (2 * Math.PI * m * j) / (2 * span);
          t[6 * j + 2 * (m - 1)] = Math.cos(theta);
          t[6 * j + 2 * (m - 1) + 1] = Math.sin(theta);
        }
      }
      this.passTwiddles.push(t);
      this.passSpans.push(span);
    }
    this.splitCos = new Float64Array(h + 1);
    this.splitSin = new Float64Array(h + 1);
    for (let k = 0; k <= h; k++) {
      this.splitCos[k] = Math.cos((2 * Math.PI * k) / size);
      this.splitSin[k] = Math.sin((2 * Math.PI * k) / size);
    }
    this.z = new Float64Array(size);
    this.w = new Float64Array(size);
  }

  /** Spectrum of `input` (length `size`) into `re`/`im` (length `bins`). Unnormalized. */
  forward(input: ArrayLike<number>, re: Float64Array, im: Float64Array): void {
    const { half: h, z } = this;
    this.transform(input);
    re[0] = z[0]! + z[1]!;
    im[0] = 0;
    re[h] = z[0]! - z[1]!;
    im[h] = 0;
    // Bins k and h - k from the same two points: the even half E and odd half O of the packed
    // signal, then one radix-2 step with e^(-2*pi*i*k/size) (for h - k: E conjugated, the twiddle mirrored).
    for (let k = 1, m = h - 1; k <= m; k++, m--) {
      const ar = z[2 * k]!;
      const ai = z[2 * k + 1]!;
      const br = z[2 * m]!;
      const bi = z[2 * m + 1]!;
      const er = 0.5 * (ar + br);
      const ei = 0.5 * (ai - bi);
      const or = 0.5 * (ai + bi);
      const oi = 0.5 * (br - ar);
      const c = this.splitCos[k]!;
      const s = this.splitSin[k]!;
      const xr = c * or + s * oi;
      const xi = c * oi - s * or;
      re[k] = er + xr;
      im[k] = ei + xi;
      if (m !== k) {
        re[m] = er - xr;
        im[m] = xi - ei;
      }
    }
  }

  /** The real signal (length `size`) whose spectrum is `re`/`im`: exact inverse of forward(). */
  inverse(re: Float64Array, im: Float64Array, output: Float64Array | Float32Array): void {
    const { half: h, w } = this;
    // Z = E + i*O for k and h - k together (E = (X[k] + conj X[h-k]) / 2, O = (X[k] - conj X[h-k]) / 2 * e^(+2*pi*i*k/size)),
    // conjugated (the inverse is the forward transform of the conjugate, conjugated) and scaled by 1/h here.
    const half = 0.5 / h;
    // k = 0 pairs bin 0 with bin h (both real for a real signal; the twiddle is 1).
    w[0] = half * (re[0]! + re[h]!) - half * (im[0]! + im[h]!);
    w[1] = -(half * (im[0]! - im[h]!) + half * (re[0]! - re[h]!));
    for (let k = 1, m = h - 1; k <= m; k++, m--) {
      const ar = re[k]!;
      const ai = im[k]!;
      const br = re[m]!;
      const bi = im[m]!;
      const er = half * (ar + br);
      const ei = half * (ai - bi);
      const dr = half * (ar - br);
      const di = half * (ai + bi);
      const c = this.splitCos[k]!;
      const s = this.splitSin[k]!;
      const or = dr * c - di * s;
      const oi = dr * s + di * c;
      // At h - k: E is conj(E), O is conj(O) (the twiddle mirrored); at k = h/2 both are one.
      w[2 * m] = er + oi;
      w[2 * m + 1] = ei - or;
      w[2 * k] = er - oi;
      w[2 * k + 1] = -(ei + or);
    }
    this.transform(w);
    const z = this.z;
    for (let n = 0; n < 2 * h; n += 2) {
      output[n] = z[n]!;
      output[n + 1] = -z[n + 1]!;
    }
  }

  /** Complex FFT of the interleaved sequence `src` (natural order) into `z`. */
  private transform(src: ArrayLike<number>): void {
    if (this.firstStages === 3) this.firstRadix8(src);
    else if (this.firstStages === 2) this.firstRadix4(src);
    else this.firstRadix2(src);
    for (let p = 0; p < this.passSpans.length; p++) this.radix22(this.passSpans[p]!, this.passTwiddles[p]!);
  }

  private firstRadix2(src: ArrayLike<number>): void {
    const z = this.z;
    const ar = src[0]!;
    const ai = src[1]!;
    const br = src[2]!;
    const bi = src[3]!;
    z[0] = ar + br;
    z[1] = ai + bi;
    z[2] = ar - br;
    z[3] = ai - bi;
  }

  /** Stages 2 and 4 on bit-reversed reads of `src`: twiddles 1 and -i only. */
  private firstRadix4(src: ArrayLike<number>): void {
    const { half: h, z, bitReversed: rev } = this;
    for (let i = 0; i < h; i += 4) {
      const a = 2 * rev[i]!;
      const b = 2 * rev[i + 1]!;
      const c = 2 * rev[i + 2]!;
      const d = 2 * rev[i + 3]!;
      const t0r = src[a]! + src[b]!;
      const t0i = src[a + 1]! + src[b + 1]!;
      const t1r = src[a]! - src[b]!;
      const t1i = src[a + 1]! - src[b + 1]!;
      const t2r = src[c]! + src[d]!;
      const t2i = src[c + 1]! + src[d + 1]!;
      const t3r = src[c]! - src[d]!;
      const t3i = src[c + 1]! - src[d + 1]!;
      const o = 2 * i;
      z[o] = t0r + t2r;
      z[o + 1] = t0i + t2i;
      z[o + 4] = t0r - t2r;
      z[o + 5] = t0i - t2i;
      // t3 times -i is (t3i, -t3r).
      z[o + 2] = t1r + t3i;
      z[o + 3] = t1i - t3r;
      z[o + 6] = t1r - t3i;
      z[o + 7] = t1i + t3r;
    }
  }

  /** Stages 2, 4 and 8 on bit-reversed reads of `src`: two multiply-free radix-4s, then twiddles e^(-i pi m/4). */
  private firstRadix8(src: ArrayLike<number>): void {
    const { half: h, z, bitReversed: rev } = this;
    const r = Math.SQRT1_2;
    for (let i = 0; i < h; i += 8) {
      // Lower four (positions i..i+3).
      let a = 2 * rev[i]!;
      let b = 2 * rev[i + 1]!;
      let c = 2 * rev[i + 2]!;
      let d = 2 * rev[i + 3]!;
      let t0r = src[a]! + src[b]!;
      let t0i = src[a + 1]! + src[b + 1]!;
      let t1r = src[a]! - src[b]!;
      let t1i = src[a + 1]! - src[b + 1]!;
      let t2r = src[c]! + src[d]!;
      let t2i = src[c + 1]! + src[d + 1]!;
      let t3r = src[c]! - src[d]!;
      let t3i = src[c + 1]! - src[d + 1]!;
      const l0r = t0r + t2r;
      const l0i = t0i + t2i;
      const l2r = t0r - t2r;
      const l2i = t0i - t2i;
      const l1r = t1r + t3i;
      const l1i = t1i - t3r;
      const l3r = t1r - t3i;
      const l3i = t1i + t3r;
      // Upper four (positions i+4..i+7).
      a = 2 * rev[i + 4]!;
      b = 2 * rev[i + 5]!;
      c = 2 * rev[i + 6]!;
      d = 2 * rev[i + 7]!;
      t0r = src[a]! + src[b]!;
      t0i = src[a + 1]! + src[b + 1]!;
      t1r = src[a]! - src[b]!;
      t1i = src[a + 1]! - src[b + 1]!;
      t2r = src[c]! + src[d]!;
      t2i = src[c + 1]! + src[d + 1]!;
      t3r = src[c]! - src[d]!;
      t3i = src[c + 1]! - src[d + 1]!;
      const u0r = t0r + t2r;
      const u0i = t0i + t2i;
      const u2r = t0r - t2r;
      const u2i = t0i - t2i;
      const u1r = t1r + t3i;
      const u1i = t1i - t3r;
      const u3r = t1r - t3i;
      const u3i = t1i + t3r;
      // Stage 8: u_m times e^(-i pi m/4): 1, (1 - i)/sqrt2, -i, -(1 + i)/sqrt2.
      const v1r = r * (u1r + u1i);
      const v1i = r * (u1i - u1r);
      const v2r = u2i;
      const v2i = -u2r;
      const v3r = r * (u3i - u3r);
      const v3i = -r * (u3r + u3i);
      const o = 2 * i;
      z[o] = l0r + u0r;
      z[o + 1] = l0i + u0i;
      z[o + 8] = l0r - u0r;
      z[o + 9] = l0i - u0i;
      z[o + 2] = l1r + v1r;
      z[o + 3] = l1i + v1i;
      z[o + 10] = l1r - v1r;
      z[o + 11] = l1i - v1i;
      z[o + 4] = l2r + v2r;
      z[o + 5] = l2i + v2i;
      z[o + 12] = l2r - v2r;
      z[o + 13] = l2i - v2i;
      z[o + 6] = l3r + v3r;
      z[o + 7] = l3i + v3i;
      z[o + 14] = l3r - v3r;
      z[o + 15] = l3i - v3i;
    }
  }

  /**
   * The radix-2 stages `span` and `2 * span` in one pass. With w = e^(-2*pi*i/(2 * span)) and the
   * four points a, b, c, d (span / 2 apart): t = w^2j b, p = w^j c, q = w^3j d, then
   * a + t +- (p + q) and a - t -+ i (p - q): the two stages' butterflies multiplied out.
   */
  private radix22(span: number, tw: Float64Array): void {
    const { half: h, z } = this;
    const quarter = span >> 1;
    // Offsets in the interleaved array (two values per point).
    const qo = 2 * quarter;
    const so = 2 * span;
    // Twiddle-outer: each twiddle is loaded once for all the groups that use it.
    for (let j = 0; j < quarter; j++) {
      const t = 6 * j;
      const c1 = tw[t]!;
      const s1 = tw[t + 1]!;
      const c2 = tw[t + 2]!;
      const s2 = tw[t + 3]!;
      const c3 = tw[t + 4]!;
      const s3 = tw[t + 5]!;
      for (let a = 2 * j; a < 2 * h; a += 2 * so) {
        const b = a + qo;
        const c = a + so;
        const d = c + qo;
        // x * e^(-i theta) = (xr c + xi s, xi c - xr s)
        const br = z[b]!;
        const bi = z[b + 1]!;
        const cr = z[c]!;
        const ci = z[c + 1]!;
        const dr = z[d]!;
        const di = z[d + 1]!;
        const tr = br * c2 + bi * s2;
        const ti = bi * c2 - br * s2;
        const pr = cr * c1 + ci * s1;
        const pi = ci * c1 - cr * s1;
        const qr = dr * c3 + di * s3;
        const qi = di * c3 - dr * s3;
        const ar = z[a]!;
        const ai = z[a + 1]!;
        const sumR = ar + tr;
        const sumI = ai + ti;
        const difR = ar - tr;
        const difI = ai - ti;
        const ppqR = pr + qr;
        const ppqI = pi + qi;
        // -i (p - q) = ((p - q)i, -(p - q)r)
        const pmqR = pr - qr;
        const pmqI = pi - qi;
        z[a] = sumR + ppqR;
        z[a + 1] = sumI + ppqI;
        z[c] = sumR - ppqR;
        z[c + 1] = sumI - ppqI;
        z[b] = difR + pmqI;
        z[b + 1] = difI - pmqR;
        z[d] = difR - pmqI;
        z[d + 1] = difI + pmqR;
      }
    }
  }
}
