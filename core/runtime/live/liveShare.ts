import { ContractError } from '../../contract/index.ts';
import type { Journal } from '../../journal/index.ts';
import { defaultCapitalShareQuote, ladderFromRecords, lowerShare, startLadder, type LadderRecord, type LadderState } from '../../risk/index.ts';

/** Ladder steps live in the live journal under this subject, chained with the orders they govern. */
const LADDER_SUBJECT = 'capital_ladder';

/** The payloads of the journal's system rows under one subject, oldest first. */
export function systemPayloads(journal: Journal, subject: string): unknown[] {
  const last = journal.head()?.seq ?? 0;
  const records: unknown[] = [];
  for (let after = 0; after < last;) {
    const page = journal.readAscending({ kinds: ['system'], subject }, after, last, 500);
    if (page.length === 0) break;
    for (const row of page) records.push(JSON.parse(row.payloadJson) as unknown);
    after = page.at(-1)?.seq ?? last;
  }
  return records;
}

const ladderRecords = (journal: Journal): unknown[] => systemPayloads(journal, LADDER_SUBJECT);

export function journalStep(journal: Journal, record: LadderRecord): void {
  journal.append({ atMs: record.atMs, kind: 'system', subject: LADDER_SUBJECT, payload: record });
}

/**
 * Ballast's share of the account for this start: the ladder as the journal has it, or its first
 * step. The first start takes the share the person set, or the smaller of 100 and 10 % of the quote
 * balance. Later starts keep the ladder's share; a lower one asked for lowers it at once, a higher
 * one is refused (only the ladder raises it, with its own confirmation). Every step is journaled.
 */
export function shareForStart(journal: Journal, options: { readonly requestedQuote: number | undefined; readonly quoteAsset: string; readonly quoteBalanceQuote: number; readonly nowMs: number }): LadderState {
  const replay = ladderFromRecords(ladderRecords(journal));
  if (!replay.ok) throw new ContractError('REFUSED', `Ballast’s record of your live share cannot be read (${replay.problem}), so it does not trade.`);
  const { requestedQuote, quoteAsset, quoteBalanceQuote, nowMs } = options;
  if (replay.state === null || replay.state.quoteAsset !== quoteAsset) {
    const shareQuote = requestedQuote ?? defaultCapitalShareQuote(quoteBalanceQuote);
    if (shareQuote === null || !(shareQuote > 0)) throw new ContractError('REFUSED', `Your ${quoteAsset} balance on the exchange is empty, so Ballast has nothing it may trade with.`);
    if (shareQuote > quoteBalanceQuote) {
      throw new ContractError('REFUSED', `The share you set (${String(shareQuote)} ${quoteAsset}) is more than your ${quoteAsset} balance on the exchange (${quoteBalanceQuote.toFixed(2)}).`);
    }
    const started = startLadder(shareQuote, quoteAsset, Math.floor(nowMs));
    if (!started.ok) throw new ContractError('REFUSED', `The share ${String(shareQuote)} ${quoteAsset} cannot be used.`);
    journalStep(journal, started.record);
    return started.state;
  }
  const state = replay.state;
  if (requestedQuote === undefined || requestedQuote === state.shareQuote) return state;
  if (requestedQuote > state.shareQuote) {
    throw new ContractError('REFUSED', `Ballast’s share is ${String(state.shareQuote)} ${quoteAsset}. It can only be raised step by step once the live record allows it, not when starting.`);
  }
  const lowered = lowerShare(state, requestedQuote, nowMs);
  journalStep(journal, lowered.record);
  if (!lowered.ok) throw new ContractError('REFUSED', `The share ${String(requestedQuote)} ${quoteAsset} cannot be used.`);
  return lowered.state;
}
