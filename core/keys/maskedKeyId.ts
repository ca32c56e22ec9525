import { revealSecret, type Secret } from './secret.ts';

/**
 * What the screen shows to tell keys apart: the first 4 and last 4 characters of the public API
 * key ("AbC1…9xYz"). Never derived from the API secret or passphrase. Keys too short to spare
 * 8 characters are shown fully masked.
 */
export function maskedKeyId(apiKey: Secret): string {
  const key = revealSecret(apiKey).trim();
  if (key.length < 16) return '…';
  return `${key.slice(0, 4)}…${key.slice(-4)}`;
}
