import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { clientOrderIdFor } from '../../../core/execution/index.ts';
import { verifyJournal } from '../../../core/journal/index.ts';
import { setup, sizedOrder } from './executionFixtures.ts';

const CANARY = 'FAKE-KEY-CANARY-7f3a9';

/** Reads the journal file through a second connection: only what is committed is visible there. */
function committedStatus(path: string, clientOrderId: string): string | undefined {
  const reader = new DatabaseSync(path, { readOnly: true });
  try {
    const row = reader.prepare('SELECT status FROM execution_orders WHERE client_order_id = ?').get(clientOrderId);
    return row === undefined ? undefined : String(row.status);
  } finally {
    reader.close();
  }
}

describe('the journal comes first', () => {
  it('has the order row committed as PENDING_SUBMIT before the create request is made', async () => {
    const s = setup();
    await s.manager.start();
    const order = sizedOrder();
    let seenAtSend: string | undefined;
    s.exchange.onCall = (call, detail) => {
      if (call === 'createOrder') seenAtSend = committedStatus(s.path, detail.request?.clientOrderId ?? '');
    };
    await s.manager.submit(order);
    expect(seenAtSend).toBe('PENDING_SUBMIT');
    expect(committedStatus(s.path, clientOrderIdFor(order))).toBe('OPEN');
  });

  it('writes an audit event for every order step and every exchange answer, in an unbroken chain', async () => {
    const s = setup();
    await s.manager.start();
    s.exchange.script('createOrder', 'lost_before_accept');
    const order = sizedOrder();
    await s.manager.submit(order);
    const events = s.journal.query({ subject: clientOrderIdFor(order), limit: 100 }).events.reverse();
    const steps = events.map((event) => `${event.kind}:${(JSON.parse(event.payloadJson) as { event?: string; call?: string }).event ?? (JSON.parse(event.payloadJson) as { call?: string }).call}`);
    expect(steps).toEqual([
      'order:journaled',
      'exchange_response:createOrder',
      'order:status_unknown',
      'exchange_response:fetchOrder',
      'exchange_response:fetchOrder',
      'exchange_response:fetchOpenOrders',
      'exchange_response:fetchMyTrades',
      'order:resubmit',
      'exchange_response:createOrder',
      'order:accepted',
    ]);
    expect(verifyJournal(s.path)).toMatchObject({ ok: true });
  });

  it('never puts key material into the journal, even when an exchange answer carries it', async () => {
    const s = setup();
    s.journal.registerSecretValue(CANARY);
    await s.manager.start();
    s.exchange.script('createOrder', { kind: 'rejected', reason: `Invalid request apiKey=${CANARY}&signature=abcdef0123` });
    await s.manager.submit(sizedOrder());
    const all = s.journal.query({ limit: 500 }).events.map((event) => event.payloadJson).join('\n');
    const rows = JSON.stringify(s.manager.orders());
    expect(all).not.toContain(CANARY);
    expect(all).not.toContain('abcdef0123');
    expect(rows).not.toContain(CANARY);
  });
});
