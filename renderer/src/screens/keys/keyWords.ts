import type { TriState } from '#core/contract/index.ts';

/** Maps a permission answer to the i18n key of its word on the result card. */
export function permissionWord(value: TriState, yes: string, no: string): string {
  if (value === 'unknown') return 'keys.wizard.result.value.unknown';
  return `keys.wizard.result.value.${value ? yes : no}`;
}

/** "safe", "danger" or "unknown", for colouring a line: some permissions are safe when on, others when off. */
export function permissionTone(value: TriState, safeWhen: boolean): 'safe' | 'danger' | 'unknown' {
  if (value === 'unknown') return 'unknown';
  return value === safeWhen ? 'safe' : 'danger';
}
