/** Percentile of already-sorted samples (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('no samples');
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/**
 * Runs `repetitions` measured rounds after one warm-up round and returns, for each requested
 * percentile, the median across rounds: one noisy round on a shared machine cannot set the figure.
 */
export async function measureRounds(
  round: () => Promise<number[]> | number[],
  percentiles: readonly number[],
  repetitions = 5,
): Promise<number[]> {
  await round();
  const perRound: number[][] = [];
  for (let i = 0; i < repetitions; i += 1) {
    const samples = [...(await round())].sort((a, b) => a - b);
    perRound.push(percentiles.map((p) => percentile(samples, p)));
  }
  return percentiles.map((_, index) => median(perRound.map((values) => values[index] ?? Number.NaN)));
}

export const round1 = (value: number): number => Math.round(value * 10) / 10;

export const progress = (message: string): void => {
  process.stderr.write(`bench: ${message}\n`);
};
