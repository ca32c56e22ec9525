import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from '../../../../renderer/src/i18n/en.ts';
import { SERVICE_CHECK_MESSAGES, scanClaims } from '../../../../core/keys/serviceCheck/index.ts';

const README = fileURLToPath(new URL('../../../../README.md', import.meta.url));
const CATALOGUE_DIR = fileURLToPath(new URL('../../../../renderer/src/i18n/en/', import.meta.url));
const CORE_DIR = fileURLToPath(new URL('../../../../core/', import.meta.url));

/** Every module of the English catalogue folder, so a file not yet merged into `en` is read too. */
async function catalogueModules(): Promise<Record<string, unknown>> {
  const files = readdirSync(CATALOGUE_DIR).filter((name) => name.endsWith('.ts')).sort();
  const modules = await Promise.all(files.map(async (name) => [name, await import(pathToFileURL(`${CATALOGUE_DIR}${name}`).href)] as const));
  return Object.fromEntries(modules);
}

/**
 * Every message file of every core layer (`messages.ts`, `passphraseMessages.ts`, ...): the words
 * core hands the app, the CLI and exported reports. Found by name, so a new one is read too.
 */
async function coreMessageModules(): Promise<Record<string, unknown>> {
  const files = readdirSync(CORE_DIR, { recursive: true, encoding: 'utf8' })
    .filter((path) => /(?:^|\/)(?:[a-z]+M|m)essages\.ts$/.test(path.replaceAll('\\', '/')))
    .sort();
  const modules = await Promise.all(files.map(async (path) => [path, await import(pathToFileURL(`${CORE_DIR}${path}`).href)] as const));
  return Object.fromEntries(modules);
}

/** Every string in a nested message object, with its dotted key. */
function leaves(value: unknown, path = ''): { key: string; text: string }[] {
  if (typeof value === 'string') return [{ key: path, text: value }];
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => leaves(inner, path === '' ? key : `${path}.${key}`));
  }
  return [];
}

/** Messages carry a little markup (<strong>); the person reads the words without it. */
const asRead = (text: string): string => text.replace(/<[^>]+>/g, '');

function claimsIn(texts: readonly { key: string; text: string }[]): string[] {
  return texts.flatMap(({ key, text }) =>
    scanClaims(asRead(text)).matches.map((m) => `${key}: "${m.text}" (${m.ruleId}) in: ${text}`));
}

describe('Ballast holds itself to the same rules', () => {
  it('reads the whole English catalogue (a sanity check that the test sees it)', () => {
    const texts = leaves(en);
    expect(texts.length).toBeGreaterThan(200);
    expect(texts.some((t) => t.text.includes('cannot withdraw funds'))).toBe(true);
  });

  it('makes none of the red-flag claims anywhere in its message catalogue', async () => {
    const modules = await catalogueModules();
    expect(Object.keys(modules).length).toBeGreaterThanOrEqual(5);
    const all = leaves(modules);
    // The resources object the app loads is made of these files only.
    const fromFiles = new Set(all.map((t) => t.text));
    expect(leaves(en).every((t) => fromFiles.has(t.text))).toBe(true);
    expect(claimsIn(all)).toEqual([]);
  });

  it('makes none of them in the service check’s own messages, which join that catalogue', () => {
    expect(claimsIn(leaves(SERVICE_CHECK_MESSAGES))).toEqual([]);
  });

  it('makes none of them in any core layer’s messages, which the app, the CLI and exported reports show', async () => {
    const modules = await coreMessageModules();
    const files = Object.keys(modules).map((path) => path.replaceAll('\\', '/'));
    // A sanity check that the search sees the message files of several layers, not just this one.
    expect(files).toEqual(expect.arrayContaining([
      'keys/serviceCheck/messages.ts', 'keys/passphraseMessages.ts', 'cli/messages.ts', 'alerts/messages.ts', 'execution/messages.ts',
    ]));
    const all = leaves(modules);
    expect(all.length).toBeGreaterThan(400);
    expect(claimsIn(all)).toEqual([]);
  });

  it('makes none of them in the README', () => {
    const readme = readFileSync(README, 'utf8');
    expect(readme).toContain('Ballast is **not** a money machine');
    expect(claimsIn([{ key: 'README.md', text: readme }])).toEqual([]);
  });

  it('would notice a red-flag claim slipped into the catalogue', () => {
    const tampered = { ...en, promo: { headline: 'Guaranteed 2% daily with Ballast — only 3 spots left!' } };
    expect(claimsIn(leaves(tampered)).length).toBeGreaterThanOrEqual(3);
  });
});
