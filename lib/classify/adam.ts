/** One Adam step (β 0.9 and 0.999) for parameter `k`, whose moments are `m[k]` and `v[k]`: returns its new value. */
export function adamStep(value: number, gradient: number, m: Float64Array, v: Float64Array, k: number, step: number, rate: number): number {
  m[k] = 0.9 * m[k]! + 0.1 * gradient;
  v[k] = 0.999 * v[k]! + 0.001 * gradient * gradient;
  const mHat = m[k]! / (1 - 0.9 ** step);
  const vHat = v[k]! / (1 - 0.999 ** step);
  return value - (rate * mHat) / (Math.sqrt(vHat) + 1e-8);
}
