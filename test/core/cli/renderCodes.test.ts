import { describe, expect, it } from 'vitest';
import { CLI_MESSAGES, MAX_READ_FILE_BYTES, readableNumber, renderCode, renderCodes } from '../../../core/cli/index.ts';
import { scanClaims } from '../../../core/keys/serviceCheck/index.ts';
import { MAX_IMPORT_FILE_BYTES } from '../../../core/market/index.ts';

describe('renderCodes: one helper over every layer’s catalogue', () => {
  it('renders each source through its own wording', () => {
    expect(renderCode('cli', { code: 'CLI_FLAG_REPEATED', params: { flag: '--data' } })).toBe('--data was given more than once. Give it once.');
    expect(renderCode('model', { code: 'DRIFT_RECENT_TOO_SHORT', params: { needed: 144, bars: 100 } })).toBe(
      'The recent price history is too short to compare: it needs at least 144 bars and has 100.',
    );
    expect(renderCode('llm', { code: 'PROVIDER_AUTH_FAILED', params: { status: 401 } })).toMatch(/^The AI service refused the API key \(error 401\)\./);
    // The market layer's renderer picks the plural form by count.
    expect(renderCode('market', { code: 'INVALID_ROWS', params: { count: 1 } })).toMatch(/^1 row of this file could not be read\./);
    expect(renderCode('market', { code: 'INVALID_ROWS', params: { count: 3 } })).toMatch(/^3 rows of this file could not be read\./);
    // The service check's own number format: 12345 → "12,345".
    expect(renderCode('serviceCheck', { code: 'REPORT_CLAIMS_TRUNCATED', params: { scannedChars: 12_345 } })).toBe(
      'Not confirmed: the marketing text was too long, so only its first 12,345 characters were scanned.',
    );
  });

  it('shows an unknown code as itself, so a missing wording is visible', () => {
    expect(renderCodes('model', [{ code: 'NO_SUCH_CODE' }, { code: 'TRAINING_CANCELLED' }])).toEqual([
      'NO_SUCH_CODE',
      'Training was cancelled. The model you had before is unchanged.',
    ]);
  });

  it('makes numbers readable: whole numbers as they are, two decimals from 1, three significant digits below', () => {
    expect(readableNumber(33_411)).toBe('33411');
    expect(readableNumber(1.23456)).toBe('1.23');
    expect(readableNumber(-0.0012345)).toBe('-0.00123');
    expect(readableNumber(0.5865502353257422)).toBe('0.587');
    expect(renderCode('model', { code: 'MODEL_NO_EDGE_BRIER', params: { brierSkill: -0.042912 } })).toContain('(Brier skill -0.0429)');
  });
});

describe('the CLI’s own words', () => {
  it('make none of the red-flag claims Ballast warns about', () => {
    const claims = Object.entries(CLI_MESSAGES).flatMap(([code, text]) => scanClaims(text).matches.map((match) => `${code}: ${match.text}`));
    expect(claims).toEqual([]);
  });

  it('reads files up to the market layer’s import limit, no further', () => {
    expect(MAX_READ_FILE_BYTES).toBe(MAX_IMPORT_FILE_BYTES);
  });
});
