import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in test/support/). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Path inside the shared reference data, which sits beside the repository as `../shared/data`.
 * The data is read in place and never copied into the repo.
 */
export function sharedDataPath(...segments: string[]): string {
  const root = join(repoRoot, '..', 'shared', 'data');
  if (!existsSync(root)) {
    throw new Error(`Reference data not found at ../shared/data (next to the repository). Tests need it: ${root}`);
  }
  return join(root, ...segments);
}

export const BTC_USDT_1H_CSV = 'ohlcv/binance_BTCUSDT_1h_2017-08-17_2021-06-09.csv';
export const ETH_USDT_1H_CSV = 'ohlcv/binance_ETHUSDT_1h_2017-08-17_2021-06-09.csv';
