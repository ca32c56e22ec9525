import { randomInt } from 'node:crypto';

/**
 * What a chat can ask for. Only looking (/status) and making Ballast safer (/pause, /kill).
 * There is deliberately no command that resumes, re-arms, loosens a limit or goes live: those
 * raise risk and are done in the app, with its confirmations, by the person at the computer.
 */
export type ChatCommand = { readonly kind: 'status' } | { readonly kind: 'pause' } | { readonly kind: 'kill' } | { readonly kind: 'not-available' };

const COMMANDS: Readonly<Record<string, ChatCommand['kind']>> = { '/status': 'status', '/pause': 'pause', '/kill': 'kill' };

/** `/pause`, `/pause@MyBallastBot` and `/PAUSE now` are /pause; everything else is not available. */
export function parseChatCommand(text: string): ChatCommand {
  const first = text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  const command = first.split('@')[0] ?? '';
  const kind = COMMANDS[command];
  return kind === undefined ? { kind: 'not-available' } : { kind };
}

/** Letters and digits that cannot be mistaken for each other (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
export const LINK_CODE_VALID_MS = 10 * 60_000;

/** The one-time code Ballast shows; the person sends it to the bot from the chat to link. */
export interface LinkCode {
  /** As shown, e.g. `K7PQ-9XMB`. */
  readonly code: string;
  readonly expiresAtMs: number;
}

export function newLinkCode(nowMs: number, validForMs = LINK_CODE_VALID_MS): LinkCode {
  let raw = '';
  for (let index = 0; index < CODE_LENGTH; index += 1) raw += CODE_ALPHABET.charAt(randomInt(CODE_ALPHABET.length));
  return { code: `${raw.slice(0, 4)}-${raw.slice(4)}`, expiresAtMs: nowMs + validForMs };
}

function normalisedCode(text: string): string {
  return text.toUpperCase().replace(/^\s*\/START(@\S+)?/, '').replace(/[^A-Z0-9]/g, '');
}

/** "K7PQ-9XMB", "k7pq 9xmb" and "/start K7PQ9XMB" all match; anything more or less does not. */
export function matchesLinkCode(text: string, code: LinkCode, nowMs: number): boolean {
  return nowMs < code.expiresAtMs && normalisedCode(text) === normalisedCode(code.code);
}
