/**
 * Reproducible random returns for statistical tests: mulberry32 for uniforms, Box–Muller for
 * normals. A fixed seed makes a "noise gives PBO near 0.5" test a fixed computation.
 */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function seededNormal(seed: number): () => number {
  const uniform = seededUniform(seed);
  return () => {
    const u = 1 - uniform();
    const v = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

/** rows × trials matrix of independent normal returns with the given mean and spread per trial. */
export function normalReturnsMatrix(rows: number, trials: number, seed: number, meanOf: (trial: number) => number = () => 0, spread = 0.01): number[][] {
  const normal = seededNormal(seed);
  return Array.from({ length: rows }, () => Array.from({ length: trials }, (_, trial) => meanOf(trial) + spread * normal()));
}
