import type { PassphraseRefusal } from './passphraseStrength.ts';

/**
 * Why a new passphrase is refused, in the person's words (i18next syntax, to move into the app's
 * catalogue). Each says what is wrong and what would do instead; none repeats the passphrase.
 */
export const PASSPHRASE_MESSAGES: Readonly<Record<PassphraseRefusal['code'], string>> = {
  PASSPHRASE_BLANK:
    'A passphrase of only spaces protects nothing. Choose one of at least {{min}} characters that you will remember; a few unrelated words work well.',
  PASSPHRASE_TOO_SHORT:
    'Choose a passphrase of at least {{min}} characters.',
  PASSPHRASE_TOO_FEW_DIFFERENT:
    'This passphrase repeats the same few characters, so it is guessed at once. Use at least {{min}} different characters; a few unrelated words work well.',
  PASSPHRASE_SEQUENCE:
    'This passphrase is a run of letters, digits or neighbouring keys (like 12345678 or qwertyui), one of the first things a thief tries. Choose something else; a few unrelated words work well.',
  PASSPHRASE_COMMON:
    'This passphrase is one of the most common passwords, or one with a few digits added, and is among the first things a thief tries. Choose something you use nowhere else; a few unrelated words work well.',
};

/** The message for a refusal, with its numbers filled in. */
export function passphraseRefusalWords(refusal: PassphraseRefusal): string {
  const params: Readonly<Record<string, number>> = refusal.params;
  return PASSPHRASE_MESSAGES[refusal.code].replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
