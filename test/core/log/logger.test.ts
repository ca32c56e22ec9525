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

describe('createLogger with the shared redaction', () => {
  it('redacts secret fields at any depth, inline secrets in the message, and child bindings', () => {
    const { stream, lines } = captureLines();
    const log = createLogger({ destination: stream }).child({ session: { token: 'FAKE-CANARY-TOKEN-3' } }).child({ bot: 'paper' });
    log.info({ a: { b: { c: { passphrase: 'FAKE-CANARY-PASS-4' } } }, url: 'https://x.test/?signature=FAKE-CANARY-SIG-5' }, 'sent apiKey=FAKE-CANARY-KEY-6 for BTC/USDT');
    const text = lines.join('');
    expect(text).not.toContain('CANARY');
    expect(text).toContain('BTC/USDT');
    expect(JSON.parse(text)).toMatchObject({ bot: 'paper', session: { token: '[redacted]' }, a: { b: { c: { passphrase: '[redacted]' } } }, msg: 'sent apiKey=[redacted] for BTC/USDT' });
  });

  it('redacts a logged error, whose message pino would otherwise print as it is', () => {
    const { stream, lines } = captureLines();
    createLogger({ destination: stream }).error(new Error('refused: secret=FAKE-CANARY-SECRET-7'));
    const line = JSON.parse(lines.join('')) as { msg: string; err: { name: string; message: string } };
    expect(JSON.stringify(line)).not.toContain('CANARY');
    expect(line.msg).toBe('refused: secret=[redacted]');
    expect(line.err).toMatchObject({ name: 'Error', message: 'refused: secret=[redacted]' });
  });
});
