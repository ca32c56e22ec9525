import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EXIT, MAX_STDIN_CHARS } from '../../../core/cli/index.ts';
import { runCheckKeyCommand, TEST_EXCHANGE_URL_VARIABLE } from '../../../core/cli/checkKeyCommand.ts';
import { startFakeExchange, type FakeExchange } from '../../fake-exchange/index.ts';
import { testIo, type TestIoOptions } from './support/cliTestKit.ts';

const NEEDLE = 'CANARY';
const KEY = 'FAKE-CANARY-KEY-cli0-00000000000000000001';
const SECRET = 'FAKE-CANARY-SECRET-cli0-000000000001';
const PASTE = `${KEY}\n${SECRET}\n`;

let fake: FakeExchange;
/** Everything any run in this file wrote, for the canary check at the end. */
const written: string[] = [];

beforeAll(async () => {
  fake = await startFakeExchange({ account: { credentials: { apiKey: KEY, secret: SECRET } } });
});
afterAll(async () => {
  await fake.close();
  // The canary: the key and secret went in on standard input of every run above, and came out nowhere.
  expect(written.length).toBeGreaterThan(10);
  for (const text of written) expect(text).not.toContain(NEEDLE);
});
beforeEach(() => {
  fake.account.setPermissions({ enableWithdrawals: false, ipRestrict: true });
});

const restrictionReads = () => fake.inspect.requests().filter((request) => request.path === '/sapi/v1/account/apiRestrictions');

async function checkKey(argv: string[], options: TestIoOptions = {}) {
  const io = testIo({ stdin: PASTE, env: { [TEST_EXCHANGE_URL_VARIABLE]: fake.url }, ...options });
  const code = await runCheckKeyCommand(argv, io);
  written.push(io.out(), io.err());
  return { code, out: io.out(), err: io.err(), stdinReads: io.stdinReads };
}

interface Printed {
  exchange: string;
  verdict: string;
  verdictTitle: string;
  findings: { topic: string; severity: string; code: string; message: string }[];
  permissions?: { canWithdraw: unknown; ipRestricted: unknown };
}

describe('ballast check-key against the local stand-in exchange', () => {
  it('a trade-only key restricted to IP addresses: no red flags found, exit 0', async () => {
    const before = restrictionReads().length;
    const { code, out, err, stdinReads } = await checkKey(['--exchange', 'binance', '--json']);
    expect(code).toBe(EXIT.ok);
    // The exchange accepted the signed request: the key and secret from stdin were the account's.
    expect(restrictionReads().slice(before).map((request) => request.status)).toEqual([200]);
    const printed = JSON.parse(out) as Printed;
    expect(printed).toMatchObject({ exchange: 'binance', verdict: 'no_red_flags_found', verdictTitle: 'No red flags found', permissions: { canWithdraw: false, ipRestricted: true } });
    expect(printed.findings.find((finding) => finding.topic === 'withdraw')).toMatchObject({ code: 'KEY_CANNOT_WITHDRAW', severity: 'green' });
    expect(printed.findings.find((finding) => finding.code === 'KEY_CANNOT_WITHDRAW')?.message).toMatch(/^The exchange confirms this key cannot withdraw funds\./);
    expect(err).toBe(`Note: asking ${fake.url} instead of the exchange, because ${TEST_EXCHANGE_URL_VARIABLE} is set. That setting is for tests only.\n`);
    expect(stdinReads).toHaveLength(1);
    expect(stdinReads[0]).toMatch(/^Paste the API key, then the secret/);
  });

  it('a key that can withdraw: red flags, exit 2, said first and plainly', async () => {
    fake.account.setPermissions({ enableWithdrawals: true });
    const { code, out } = await checkKey(['--exchange', 'binance']);
    expect(code).toBe(EXIT.redFlags);
    expect(out).toMatch(/^Red flags found\. At least one answer or finding is a known warning sign/);
    // The message already opens with its label, so the label is not repeated.
    expect(out).toContain('\n- Red flag: this key can withdraw funds.');
    expect(out).not.toContain('Red flag: Red flag');
  });

  it('a key with no IP restriction is a caution, not a red flag', async () => {
    fake.account.setPermissions({ ipRestrict: false });
    const { code, out } = await checkKey(['--exchange', 'binance', '--json']);
    expect(code).toBe(EXIT.ok);
    expect((JSON.parse(out) as Printed).findings.find((finding) => finding.topic === 'ip')).toMatchObject({ code: 'KEY_IP_NOT_RESTRICTED', severity: 'caution' });
  });

  it('a wrong secret: the exchange refuses it, nothing is confirmed, exit 1', async () => {
    const { code, out } = await checkKey(['--exchange', 'binance', '--json'], { stdin: `${KEY}\nFAKE-CANARY-WRONG-SECRET-cli0-0001\n` });
    expect(code).toBe(EXIT.notConfirmed);
    const printed = JSON.parse(out) as Printed;
    expect(printed.verdict).toBe('could_not_confirm');
    expect(printed.findings.map((finding) => finding.code)).toEqual(expect.arrayContaining(['KEY_READ_REJECTED', 'KEY_WITHDRAW_NOT_CONFIRMED']));
  });

  it('an exchange that cannot be reached: nothing is confirmed, exit 1', async () => {
    const { code, out } = await checkKey(['--exchange', 'binance'], { env: { [TEST_EXCHANGE_URL_VARIABLE]: 'http://127.0.0.1:9' } });
    expect(code).toBe(EXIT.notConfirmed);
    expect(out).toMatch(/^Could not confirm\./);
    expect(out).toContain('- Not confirmed: whether this key can withdraw funds.');
  });

  it('a paste that is not a key and a secret: said plainly, nothing sent, exit 1', async () => {
    const before = fake.inspect.requests().length;
    const { code, out } = await checkKey(['--exchange', 'binance'], { stdin: `${KEY}\n` });
    expect(code).toBe(EXIT.notConfirmed);
    expect(out).toContain('Ballast could not tell the key, the secret and the passphrase apart in what was pasted.');
    expect(fake.inspect.requests().length).toBe(before);
  });
});

describe('ballast check-key never takes a key any other way', () => {
  it('refuses --key, --secret and --passphrase with the reason, before reading stdin', async () => {
    for (const argv of [['--exchange', 'binance', '--key', KEY], ['--exchange', 'binance', `--secret=${SECRET}`], ['--passphrase', 'x', '--exchange', 'okx']]) {
      const { code, out, err, stdinReads } = await checkKey(argv);
      expect({ code, out, stdinReads }).toEqual({ code: EXIT.usage, out: '', stdinReads: [] });
      expect(err).toMatch(/^Ballast never takes a key, secret or passphrase as a command-line argument: other programs on this computer can read arguments/);
    }
  });

  it('a key typed where the exchange goes, or after the flags, is refused and not repeated', async () => {
    const asExchange = await checkKey(['--exchange', KEY]);
    expect(asExchange).toMatchObject({ code: EXIT.usage, stdinReads: [] });
    expect(asExchange.err).toBe('--exchange must be one of: binance, kraken, okx, bybit, kucoin, coinbase, bitget. Nothing was read or sent.\n');
    const stray = await checkKey(['--exchange', 'binance', KEY, SECRET]);
    expect(stray).toMatchObject({ code: EXIT.usage, stdinReads: [] });
  });

  it('the test-only address may only point at this computer', async () => {
    for (const url of ['https://api.example.com', 'http://10.0.0.8:8080', 'not a url']) {
      const { code, err, stdinReads } = await checkKey(['--exchange', 'binance'], { env: { [TEST_EXCHANGE_URL_VARIABLE]: url } });
      expect({ code, stdinReads }).toEqual({ code: EXIT.usage, stdinReads: [] });
      expect(err).toMatch(/^BALLAST_TEST_ONLY_EXCHANGE_URL may only point at this computer/);
    }
  });

  it('refuses standard input far longer than any key (exit 65)', async () => {
    const { code, err } = await checkKey(['--exchange', 'binance'], { stdin: `${KEY}\n${'x'.repeat(MAX_STDIN_CHARS)}` });
    expect(code).toBe(EXIT.input);
    expect(err).toContain('What came in on standard input is far longer than any key');
  });
});
