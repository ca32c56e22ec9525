import { MIN_PASSPHRASE_LENGTH } from './passphraseCipher.ts';
import { revealSecret, type Secret } from './secret.ts';

/**
 * Where the computer has no keychain, the passphrase is the only thing between a copied data
 * folder and the person's exchange keys. scrypt makes each guess slow, but a thief's first
 * guesses are blanks, repeated characters, keyboard runs and the best-known passwords, and those
 * fall at once however slow each guess is. So a new passphrase is refused when it is one of them.
 *
 * A short built-in list, not a password-strength library: the rules below are the whole policy,
 * readable and tested here; a full estimator (zxcvbn-ts) would add about a megabyte of word
 * lists in several packages to judge something the person only types once.
 */

export type PassphraseRefusal =
  | { readonly code: 'PASSPHRASE_BLANK'; readonly params: { readonly min: number } }
  | { readonly code: 'PASSPHRASE_TOO_SHORT'; readonly params: { readonly min: number } }
  | { readonly code: 'PASSPHRASE_TOO_FEW_DIFFERENT'; readonly params: { readonly min: number } }
  | { readonly code: 'PASSPHRASE_SEQUENCE'; readonly params: Record<string, never> }
  | { readonly code: 'PASSPHRASE_COMMON'; readonly params: Record<string, never> };

/** Fewer different characters than this is a repetition ("abababab", "11112222"), whatever its length. */
export const MIN_DIFFERENT_CHARACTERS = 5;

/** Runs a guesser tries first: the alphabet, digits, keyboard rows; forwards and backwards. */
const RUNS = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890123456789',
  'qwertyuiopasdfghjklzxcvbnm',
  'qwertzuiopasdfghjklyxcvbnm',
  'azertyuiopqsdfghjklmwxcvbn',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  '1q2w3e4r5t6y7u8i9o0p',
  'zaq12wsxcde34rfvbgt56yhnmju78ik',
];

/**
 * The most common passwords of eight characters or more in published breach lists, and the
 * words at the heart of many others ("password2024!" is "password"). Shorter ones are already
 * refused by the length rule.
 */
const COMMON_PASSWORDS = new Set([
  'password', 'password1', 'password12', 'password123', 'password1234', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'pass1234',
  'iloveyou', 'iloveyou1', 'sunshine', 'princess', 'football', 'baseball', 'basketball', 'welcome1', 'welcome123',
  'trustno1', 'superman', 'starwars', 'whatever', 'changeme', 'letmein1', 'letmein123', 'abcd1234', 'a1b2c3d4',
  'aa123456', 'qwerty123', 'qwerty12', 'qwerty1234', 'zxcvbnm1', 'computer', 'internet', 'michelle', 'jennifer',
  'charlie1', 'liverpool', 'chelsea1', 'samsung1', 'blink182', 'hello123', 'admin123', 'administrator', 'master123',
  'monkey123', 'dragon123', 'shadow123', 'freedom1', 'mustang1', 'jordan23', 'michael1', 'access14', 'secret123',
  'batman123', 'pokemon1', 'flower123', 'lovely123', 'bitcoin1', 'bitcoin123', 'ethereum', 'satoshi1', 'cryptocurrency',
  'binance1', 'binance123', 'ballast1', 'ballast123', 'ballastballast',
]);

const COMMON_WORDS = new Set([
  'password', 'passwort', 'qwerty', 'iloveyou', 'letmein', 'welcome', 'admin', 'monkey', 'dragon', 'master', 'sunshine',
  'princess', 'football', 'baseball', 'shadow', 'secret', 'bitcoin', 'crypto', 'binance', 'ballast', 'trading', 'money',
]);

/** Letters people put in place of others ("p@ssw0rd" is "password"). */
const LOOK_ALIKES: Readonly<Record<string, string>> = { '@': 'a', '4': 'a', '0': 'o', '1': 'i', '!': 'i', '3': 'e', '$': 's', '5': 's', '7': 't' };

const isRun = (text: string): boolean =>
  text.length >= 4 && RUNS.some((run) => run.includes(text) || Array.from(run).reverse().join('').includes(text));

/** The word under the decoration: lower case, look-alikes undone, trailing digits and signs cut. */
function coreWord(text: string): string {
  const stripped = text.replace(/[\d\W_]+$/u, '');
  return stripped.replace(/./gu, (character) => LOOK_ALIKES[character] ?? character);
}

/** Null when the passphrase may protect saved keys; otherwise why not, as a code with its numbers. */
export function judgeNewPassphrase(passphrase: Secret): PassphraseRefusal | null {
  const text = revealSecret(passphrase).normalize('NFC');
  if (text.trim() === '') return { code: 'PASSPHRASE_BLANK', params: { min: MIN_PASSPHRASE_LENGTH } };
  if (Array.from(text).length < MIN_PASSPHRASE_LENGTH) return { code: 'PASSPHRASE_TOO_SHORT', params: { min: MIN_PASSPHRASE_LENGTH } };
  const lower = text.toLowerCase();
  if (new Set(lower.replace(/\s/g, '')).size < MIN_DIFFERENT_CHARACTERS) {
    return { code: 'PASSPHRASE_TOO_FEW_DIFFERENT', params: { min: MIN_DIFFERENT_CHARACTERS } };
  }
  const compact = lower.replace(/\s/g, '');
  if (isRun(compact)) return { code: 'PASSPHRASE_SEQUENCE', params: {} };
  if (COMMON_PASSWORDS.has(compact) || COMMON_WORDS.has(coreWord(compact))) return { code: 'PASSPHRASE_COMMON', params: {} };
  return null;
}
