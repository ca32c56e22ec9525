import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { format, inspect } from 'node:util';
import { createLogger } from '../../../core/log/index.ts';
import { isSecret, makeSecret, revealSecret } from '../../../core/keys/index.ts';

const CANARY = 'FAKE-SECRET-CANARY-7f3a';

describe('Secret', () => {
  const secret = makeSecret(CANARY);

  it('gives the raw value only through revealSecret', () => {
    expect(revealSecret(secret)).toBe(CANARY);
    expect(isSecret(secret)).toBe(true);
    expect(isSecret(CANARY)).toBe(false);
  });

  /* eslint-disable @typescript-eslint/restrict-template-expressions, @typescript-eslint/restrict-plus-operands,
     @typescript-eslint/no-misused-spread -- these tests commit exactly the misuse lint forbids, to prove it cannot leak */
  it('prints [redacted] through String, toString, template literals and concatenation', () => {
    expect(String(secret)).toBe('[redacted]');
    expect(secret.toString()).toBe('[redacted]');
    expect(`key: ${secret}`).toBe('key: [redacted]');
    expect('key: ' + secret).toBe('key: [redacted]');
  });

  it('serialises to [redacted] in JSON, alone and nested', () => {
    expect(JSON.stringify(secret)).toBe('"[redacted]"');
    expect(JSON.stringify({ credentials: { secret } })).toBe('{"credentials":{"secret":"[redacted]"}}');
  });

  it('shows [redacted] in util.inspect and util.format %s %o %O %j', () => {
    expect(inspect(secret)).toBe('[redacted]');
    expect(inspect({ nested: [secret] }, { showHidden: true, depth: 10 })).not.toContain(CANARY);
    const text = format('%s %o %O %j %s', secret, secret, { secret }, { secret }, [secret]);
    expect(text).not.toContain(CANARY);
    expect(text).toContain('[redacted]');
  });

  it('keeps its value out of error messages and stacks built from it', () => {
    const error = new Error(`could not use ${secret}`);
    expect(error.message).toBe('could not use [redacted]');
    expect(String(error.stack)).not.toContain(CANARY);
  });

  it('exposes nothing to Object.keys, spread or structuredClone (what IPC would carry)', () => {
    expect(Object.keys(secret)).toEqual([]);
    expect(JSON.stringify({ ...secret })).toBe('{}');
    expect(JSON.stringify(structuredClone({ secret }))).not.toContain(CANARY);
  });

  /* eslint-enable @typescript-eslint/restrict-template-expressions, @typescript-eslint/restrict-plus-operands,
     @typescript-eslint/no-misused-spread */
  it('never reaches a pino log line, whatever field it is put in', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(chunk.toString('utf8'));
        callback();
      },
    });
    const log = createLogger({ destination });
    log.info({ harmless: secret, nested: { deeper: { value: secret } }, list: [secret] }, 'saving %s', secret);
    // eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- deliberate misuse
    log.error(new Error(`failed with ${secret}`));
    log.info(secret as unknown as object, 'secret as the merge object');
    const text = lines.join('');
    expect(lines.length).toBe(3);
    expect(text).not.toContain(CANARY);
  });
});
