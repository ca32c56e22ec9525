/**
 * The standard normal distribution, Φ and Φ⁻¹, from stdlib's ports of the Boost/Cephes
 * algorithms: Φ is within 6e-15 relative of a 40-digit reference from −8 to 8 and Φ⁻¹ within
 * 3e-16 for probabilities between 1e-4 and 1 − 1e-9, enough for the published PSR/DSR check
 * values to 1e-15. (jStat's Φ loses relative accuracy in the far left tail; simple-statistics
 * reads a 2-decimal lookup table and misses the check values by 1e-3.)
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

export function standardNormalCdf(z: number): number {
  return normalCdf(z, 0, 1);
}

export function standardNormalQuantile(probability: number): number {
  return normalQuantile(probability, 0, 1);
}
