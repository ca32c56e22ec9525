import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournal, type Journal } from '../../../core/journal/index.ts';
import { createLogger } from '../../../core/log/index.ts';
import { createTradingStateMachine, defaultRiskLimits, type TradingStateMachine } from '../../../core/risk/index.ts';
import { createRiskLimitsStore, RISK_LIMITS_FILE_TRIGGER, type RiskLimitsStore } from '../../../core/runtime/riskLimits/riskLimitsStore.ts';
import { removeTempDirs, tempDir } from '../../support/tempDirs.ts';

// Runs after the hooks below (they close what uses the folders), then removes the folders.
afterEach(removeTempDirs);

const log = createLogger({ level: 'silent' });
const CONTEXT = { equityQuote: 10_000, quoteAsset: 'USDT' };

interface Opened {
  readonly store: RiskLimitsStore;
  readonly journal: Journal;
  readonly machine: TradingStateMachine;
  readonly path: string;
  close(): void;
}

function openStore(dir: string, timeZone = 'Europe/Berlin'): Opened {
  const journal = openJournal(join(dir, 'journal.sqlite'));
  const machine = createTradingStateMachine({ nowMs: () => 1_700_000_000_000, journal });
  const path = join(dir, 'risk-limits.json');
  const store = createRiskLimitsStore({ path, journal, tradingState: machine, log, nowMs: () => 1_700_000_000_000, timeZone });
  return { store, journal, machine, path, close: () => { journal.close(); } };
}

const freshDir = (): string => tempDir('limits');

describe('the risk limits store', () => {
  it('starts from the safe paper defaults in the person’s time zone when nothing was saved', () => {
    const opened = openStore(freshDir());
    expect(opened.store.readout()).toEqual({ source: 'defaults', limits: defaultRiskLimits('paper', 'Europe/Berlin'), problem: null });
    expect(opened.machine.snapshot().state).toBe('ACTIVE');
    opened.close();
  });

  it('saves a tightening at once, keeps it across a restart and journals old → new', async () => {
    const dir = freshDir();
    const first = openStore(dir);
    const reviewed = first.store.review({ dailyLossFractionOfEquity: 0.02 }, CONTEXT);
    expect(reviewed.review.needsConfirmation).toBe(false);
    first.store.apply(reviewed, false);
    expect(first.store.current().dailyLossFractionOfEquity).toBe(0.02);
    const rows = first.journal.query({ kinds: ['person_action'], subject: 'risk_limits' }).events;
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]?.payloadJson ?? '{}')).toMatchObject({
      event: 'risk_limits_changed',
      saved: true,
      changes: [{ field: 'dailyLossFractionOfEquity', direction: 'tighten', from: 0.03, to: 0.02 }],
    });
    first.close();

    const second = openStore(dir);
    expect(second.store.readout().source).toBe('saved');
    expect(second.store.current().dailyLossFractionOfEquity).toBe(0.02);
    expect(await second.store.riskLimitsConfigured()).toEqual({ configured: true });
    second.close();
  });

  it('refuses to loosen without the confirmation and changes nothing', () => {
    const opened = openStore(freshDir());
    const reviewed = opened.store.review({ dailyLossFractionOfEquity: 0.05 }, CONTEXT);
    expect(reviewed.review.needsConfirmation).toBe(true);
    expect(reviewed.review.confirmationText).toContain('300.00 USDT (3.00%) to 500.00 USDT (5.00%)');
    expect(() => opened.store.apply(reviewed, false)).toThrow(/typed confirmation/);
    expect(opened.store.current().dailyLossFractionOfEquity).toBe(0.03);
    expect(existsSync(opened.path)).toBe(false);
    expect(opened.journal.count({ kinds: ['person_action'] })).toBe(0);
    opened.store.apply(reviewed, true);
    expect(opened.store.current().dailyLossFractionOfEquity).toBe(0.05);
    opened.close();
  });

  it('refuses values out of range with the limit named in plain words, never clamping', () => {
    const opened = openStore(freshDir());
    expect(() => opened.store.review({ perTradeFractionOfEquity: 1.5 }, CONTEXT)).toThrow(/Largest single trade: this value is not allowed; the most allowed is 100%/);
    expect(() => opened.store.review({ maxOpenPositions: 2.5 }, CONTEXT)).toThrow(/Positions open at once: this value is not allowed; it must be a whole number/);
    expect(() => opened.store.review({ withdrawEverything: true }, CONTEXT)).toThrow(/no limit called "withdrawEverything"/);
    expect(opened.store.current()).toEqual(defaultRiskLimits('paper', 'Europe/Berlin'));
    opened.close();
  });

  it('writes the file whole: no partial file is left and the JSON parses back', () => {
    const opened = openStore(freshDir());
    opened.store.apply(opened.store.review({ maxOrdersPerMinute: 5 }, CONTEXT), false);
    const folder = join(opened.path, '..');
    expect(readdirSync(folder).filter((name) => name.includes('partial'))).toEqual([]);
    expect(JSON.parse(readFileSync(opened.path, 'utf8'))).toMatchObject({ version: 1, limits: { maxOrdersPerMinute: 5 } });
    opened.close();
  });

  for (const [name, text] of [
    ['not JSON', '{"version":1,"limits":{'],
    ['a value out of range', JSON.stringify({ version: 1, limits: { ...defaultRiskLimits('paper'), dailyLossFractionOfEquity: 4 } })],
    ['an unknown version', JSON.stringify({ version: 7, limits: defaultRiskLimits('paper') })],
  ] as const) {
    it(`treats a damaged file (${name}) as a reason to stop opening positions, not as the defaults`, async () => {
      const dir = freshDir();
      writeFileSync(join(dir, 'risk-limits.json'), text);
      const opened = openStore(dir);
      const readout = opened.store.readout();
      expect(readout.source).toBe('damaged');
      expect(readout.problem).toMatch(/could not be read/);
      expect(opened.machine.snapshot().state).toBe('SAFE_MODE');
      expect(opened.machine.status().activeTriggers.map((trigger) => trigger.triggerId)).toEqual([RISK_LIMITS_FILE_TRIGGER]);
      expect(opened.journal.count({ kinds: ['system'], text: 'risk_limits_unreadable' })).toBe(1);
      expect((await opened.store.riskLimitsConfigured()).configured).toBe(false);
      // The person cannot leave safe mode while the file is damaged…
      expect(() => opened.machine.leaveSafeMode({ code: 'T', message: 't' })).toThrow(/saved risk limits/);
      // …until they save limits again, which clears the trigger.
      opened.store.apply(opened.store.review({}, CONTEXT), false);
      expect(opened.store.readout().source).toBe('saved');
      expect(opened.machine.status().activeTriggers).toEqual([]);
      expect(opened.journal.count({ kinds: ['person_action'], text: 'risk_limits_replaced_unreadable_file' })).toBe(1);
      opened.machine.leaveSafeMode({ code: 'T', message: 't' });
      expect(opened.machine.snapshot().state).toBe('ACTIVE');
      opened.close();
    });
  }

  it('a file edited by hand holds safe mode until the person reviews: a loosening never skips the typed confirmation', async () => {
    const dir = freshDir();
    const first = openStore(dir);
    first.store.apply(first.store.review({ dailyLossFractionOfEquity: 0.02 }, CONTEXT), false);
    first.close();
    // Someone loosens the daily loss limit in the file, with no confirmation.
    const saved = JSON.parse(readFileSync(join(dir, 'risk-limits.json'), 'utf8')) as { limits: Record<string, unknown> };
    saved.limits['dailyLossFractionOfEquity'] = 0.05;
    writeFileSync(join(dir, 'risk-limits.json'), JSON.stringify(saved));

    const second = openStore(dir);
    expect(second.store.readout().source).toBe('changed-outside');
    expect(second.machine.snapshot()).toMatchObject({ state: 'SAFE_MODE', cause: { code: 'RISK_LIMITS_CHANGED_OUTSIDE' } });
    // The last confirmed limits stay in force, and the gate does not count them as reviewed.
    expect(second.store.current().dailyLossFractionOfEquity).toBe(0.02);
    expect(await second.store.riskLimitsConfigured()).toMatchObject({ configured: false });
    // Using the edited value goes through the typed confirmation like any loosening.
    expect(second.store.review({ dailyLossFractionOfEquity: 0.05 }, CONTEXT).review.needsConfirmation).toBe(true);
    // Reviewing (saving the limits shown) ends the hold and is journaled.
    second.store.apply(second.store.review({}, CONTEXT), false);
    expect(second.store.readout().source).toBe('saved');
    expect(second.machine.status().activeTriggers).toEqual([]);
    expect(second.journal.count({ kinds: ['person_action'], text: 'risk_limits_reviewed_after_outside_change' })).toBe(1);
    // Safe mode is latched: the person leaves it, now that nothing holds it.
    second.machine.leaveSafeMode({ code: 'T', message: 't' });
    expect(second.machine.snapshot().state).toBe('ACTIVE');
    second.close();

    const third = openStore(dir);
    expect(third.store.readout().source).toBe('saved');
    third.close();
  });

  it('keeps a tightening in force when the disk refuses it, and says so', () => {
    const dir = freshDir();
    const opened = openStore(dir);
    // A folder where the file should be: the rename over it fails on every platform and user.
    const target = opened.path;
    mkdirSync(target);
    writeFileSync(join(target, 'keep'), '');
    expect(() => opened.store.apply(opened.store.review({ maxOpenPositions: 2 }, CONTEXT), false)).toThrow(/tighter limits hold until Ballast restarts/);
    expect(opened.store.current().maxOpenPositions).toBe(2);
    expect(() => opened.store.apply(opened.store.review({ maxOpenPositions: 5 }, CONTEXT), true)).toThrow(/Nothing was changed/);
    expect(opened.store.current().maxOpenPositions).toBe(2);
    expect(opened.journal.count({ kinds: ['person_action'], text: '"saved":false' })).toBe(2);
    opened.close();
  });
});
