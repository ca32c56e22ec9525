import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from '../../../core/log/index.ts';

function captureLines(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { stream, lines };
}

describe('createLogger', () => {
  it('redacts secret-bearing fields at the top level and one level down', () => {
    const { stream, lines } = captureLines();
    const log = createLogger({ destination: stream });
    log.info({ apiKey: 'FAKE-KEY-CANARY-1', request: { secret: 'FAKE-SECRET-CANARY-2', symbol: 'BTC/USDT' } }, 'sent');
    const text = lines.join('');
    expect(text).not.toContain('CANARY');
    expect(text).toContain('[redacted]');
    expect(text).toContain('BTC/USDT');
  });
});
