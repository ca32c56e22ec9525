import { EXCHANGE_IDS, exchangeIdSchema, makeSecret, type ExchangeId } from '../keys/index.ts';
import {
  checkServiceKey,
  credentialsFromPastedText,
  type SERVICE_CHECK_MESSAGES,
  type ServiceKeyCheck,
  type ServiceVerdict,
} from '../keys/serviceCheck/index.ts';
import { EXIT, MAX_STDIN_CHARS, type CliIo } from './cliIo.ts';
import { CliProblem, cliCommand, usageProblem } from './cliProblem.ts';
import { parseFlags } from './flags.ts';
import { maskedIo } from './maskedIo.ts';
import { cliText } from './cliWords.ts';
import { renderCode } from './renderCodes.ts';

const KEY_FLAGS = {
  exchange: { type: 'string', example: EXCHANGE_IDS.join('|'), required: true },
  json: { type: 'boolean' },
} as const;

/**
 * Tests only: check-key asks this address instead of the exchange (the local stand-in exchange).
 * Only addresses on this computer are accepted, so the setting cannot send a key anywhere else.
 */
export const TEST_EXCHANGE_URL_VARIABLE = 'BALLAST_TEST_ONLY_EXCHANGE_URL';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

const EXIT_FOR_VERDICT: Readonly<Record<ServiceVerdict, number>> = {
  red_flags: EXIT.redFlags,
  could_not_confirm: EXIT.notConfirmed,
  no_red_flags_found: EXIT.ok,
};

const VERDICT_CODES: Readonly<Record<ServiceVerdict, { readonly title: string; readonly body: string }>> = {
  red_flags: { title: 'VERDICT_RED_FLAGS', body: 'VERDICT_RED_FLAGS_BODY' },
  could_not_confirm: { title: 'VERDICT_COULD_NOT_CONFIRM', body: 'VERDICT_COULD_NOT_CONFIRM_BODY' },
  no_red_flags_found: { title: 'VERDICT_NO_RED_FLAGS_FOUND', body: 'VERDICT_NO_RED_FLAGS_FOUND_BODY' },
};

const SEVERITY_CODES = {
  red_flag: 'SEVERITY_RED_FLAG',
  not_confirmed: 'SEVERITY_NOT_CONFIRMED',
  caution: 'SEVERITY_CAUTION',
  green: 'SEVERITY_GREEN',
  info: 'SEVERITY_INFO',
} as const satisfies Record<ServiceKeyCheck['findings'][number]['severity'], keyof typeof SERVICE_CHECK_MESSAGES>;

/** What `check-key --json` prints: the check as the keys layer returns it, each finding with its words. */
export type KeyCheckOutput = Omit<ServiceKeyCheck, 'findings'> & {
  readonly verdictTitle: string;
  readonly findings: (ServiceKeyCheck['findings'][number] & { readonly message: string })[];
};

export function keyCheckOutput(check: ServiceKeyCheck): KeyCheckOutput {
  return {
    ...check,
    verdictTitle: renderCode('serviceCheck', { code: VERDICT_CODES[check.verdict].title }),
    findings: check.findings.map((finding) => ({ ...finding, message: renderCode('serviceCheck', finding) })),
  };
}

function keyCheckText(output: KeyCheckOutput): string[] {
  const codes = VERDICT_CODES[output.verdict];
  const findings = output.findings.map((finding) => {
    const label = renderCode('serviceCheck', { code: SEVERITY_CODES[finding.severity] });
    // Some messages already open with their label ("Red flag: …").
    return finding.message.toLowerCase().startsWith(label.toLowerCase()) ? `- ${finding.message}` : `- ${label}: ${finding.message}`;
  });
  return [`${output.verdictTitle}. ${renderCode('serviceCheck', { code: codes.body })}`, '', ...findings];
}

/** The stand-in exchange's address when the test-only variable is set; refused unless it is on this computer. */
function testExchangeUrl(io: CliIo): string | undefined {
  const value = io.env[TEST_EXCHANGE_URL_VARIABLE];
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageProblem('CLI_TEST_EXCHANGE_URL_NOT_LOCAL', { variable: TEST_EXCHANGE_URL_VARIABLE });
  }
  if (!/^https?:$/.test(url.protocol) || !LOOPBACK_HOSTS.has(url.hostname) || url.username !== '' || url.password !== '') {
    throw usageProblem('CLI_TEST_EXCHANGE_URL_NOT_LOCAL', { variable: TEST_EXCHANGE_URL_VARIABLE });
  }
  io.stderr(`${cliText('CLI_TEST_EXCHANGE_URL_IN_USE', { url: url.origin, variable: TEST_EXCHANGE_URL_VARIABLE })}\n`);
  return url.origin;
}

/** A paste that could not be read: nothing was sent, so nothing is confirmed. */
function unreadPaste(exchange: ExchangeId, problem: { code: string; params: Record<string, string | number> }): ServiceKeyCheck {
  return {
    exchange,
    checkedAtMs: Date.now(),
    verdict: 'could_not_confirm',
    findings: [{ topic: 'key', severity: 'not_confirmed', code: problem.code, params: problem.params }],
  };
}

/**
 * `ballast check-key --exchange ID`: reads a key from standard input (never from an argument),
 * asks the exchange what it may do, and prints the answer. The key lives only in this call and
 * appears in no output. Exit 2 for red flags, 1 when something could not be confirmed, else 0.
 */
export const runCheckKeyCommand = cliCommand(async (argv, io) => {
  const flags = parseFlags('check-key', argv, KEY_FLAGS, { keyFlagsRefusal: 'CLI_KEY_AS_ARGUMENT' });
  const exchange = exchangeIdSchema.safeParse(flags.exchange);
  // The name typed is not repeated: someone may have put a key where the exchange goes.
  if (!exchange.success) throw usageProblem('CLI_EXCHANGE_UNKNOWN', { supported: EXCHANGE_IDS.join(', ') });
  const apiBaseUrl = testExchangeUrl(io);
  const text = await io.readStdin(cliText('CLI_KEY_PROMPT'));
  if (text.length > MAX_STDIN_CHARS) throw new CliProblem(EXIT.input, [cliText('CLI_STDIN_TOO_LARGE')]);
  const pasted = makeSecret(text);
  const out = maskedIo(io, [pasted]);
  const credentials = credentialsFromPastedText(pasted);
  if (credentials.ok) {
    // Stray spaces and line breaks are not part of a key; each part is masked on its own too.
    const masked = maskedIo(out, [credentials.credentials.apiKey, credentials.credentials.secret, credentials.credentials.passphrase]);
    const check = await checkServiceKey(exchange.data, credentials.credentials, apiBaseUrl === undefined ? {} : { apiBaseUrl });
    return show(masked, keyCheckOutput(check), flags.json);
  }
  return show(out, keyCheckOutput(unreadPaste(exchange.data, credentials.problem)), flags.json);
});

function show(io: CliIo, output: KeyCheckOutput, json: boolean): number {
  io.stdout(json ? `${JSON.stringify(output, null, 2)}\n` : `${keyCheckText(output).join('\n')}\n`);
  return EXIT_FOR_VERDICT[output.verdict];
}

