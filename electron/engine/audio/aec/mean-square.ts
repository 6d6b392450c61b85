/** A block's mean square (its power per sample). */
export function meanSquare(block: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < block.length; i++) sum += block[i]! * block[i]!;
  return sum / block.length;
}
