import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ManualOrderResult, RiskLimitsView } from '#core/contract/index.ts';
import { errorWords } from '../../errorWords.ts';
import { Terms } from '../../glossary/Terms.tsx';
import { formatAmount, formatMoney, formatPrice } from '../../numberFormat.ts';
import { readPlainNumber } from '../../plainNumber.ts';
import { useRiskStore } from './riskStore.ts';

type SizeKind = 'fraction' | 'amount';

/** Why the order cannot be sent as typed: the key of its sentence (risk.manual.problem.*) and its words. */
type OrderProblem =
  | { readonly key: 'size' | 'price' }
  | { readonly key: 'shareTooBig' }
  | { readonly key: 'decimals'; readonly field: 'size' | 'price'; readonly count: number };

type CheckedOrder = { readonly ok: true; readonly sizeNumber: number; readonly priceNumber: number } | { readonly ok: false; readonly problem: OrderProblem };

/** Shares of the account are typed in percent to the hundredth; coin amounts and prices to eight decimals. */
function checkOrder(sizeKind: SizeKind, size: string, price: string): CheckedOrder {
  const sizeTyped = readPlainNumber(sizeKind === 'fraction' ? size.trim().replace(/\s*%$/, '') : size);
  if (sizeTyped === null || sizeTyped.value <= 0) return { ok: false, problem: { key: 'size' } };
  const sizeDecimals = sizeKind === 'fraction' ? 2 : 8;
  if (sizeTyped.decimals > sizeDecimals) return { ok: false, problem: { key: 'decimals', field: 'size', count: sizeDecimals } };
  if (sizeKind === 'fraction' && sizeTyped.value > 100) return { ok: false, problem: { key: 'shareTooBig' } };
  const priceTyped = readPlainNumber(price);
  if (priceTyped === null || priceTyped.value <= 0) return { ok: false, problem: { key: 'price' } };
  if (priceTyped.decimals > 8) return { ok: false, problem: { key: 'decimals', field: 'price', count: 8 } };
  return { ok: true, sizeNumber: sizeTyped.value, priceNumber: priceTyped.value };
}

/** A starting price a person would type: cents above 1, six significant digits below. */
const typedPrice = (priceQuote: number): string => String(priceQuote >= 1 ? Math.round(priceQuote * 100) / 100 : Number(priceQuote.toPrecision(6)));

function Decision({ result, quoteAsset }: { result: ManualOrderResult; quoteAsset: string }) {
  const { t } = useTranslation();
  const { order, sent } = result;
  return (
    <div className="risk-decision" role="status" aria-labelledby="risk-decision-title" data-decision={result.decision}>
      <h3 id="risk-decision-title">{t('risk.manual.resultTitle')}: {t(`risk.manual.${result.decision}`)}</h3>
      {order ? (
        <p className="risk-decision-order">
          {order.side === 'buy' ? t('risk.manual.buy') : t('risk.manual.sell')} {formatAmount(order.amountBase, order.symbol.split('/')[0] ?? '')}
          {' @ '}{formatPrice(order.limitPriceQuote, quoteAsset)} = {formatMoney(order.notionalQuote, quoteAsset)}
        </p>
      ) : null}
      {result.reasons.length > 0 ? (
        <ul className="risk-reasons">
          {result.reasons.map((reason) => <li key={reason.code}>{reason.message}</li>)}
        </ul>
      ) : result.decision === 'rejected' ? <p>{result.text}</p> : null}
      {sent ? <p className={sent.ok ? 'risk-muted' : 'error'}>{sent.ok ? t(`risk.manual.sent.${sent.status}`, { defaultValue: t('risk.manual.sentOk', { status: sent.status.toLowerCase().replace(/_/g, ' ') }) }) : t('risk.manual.sentFailed', { message: sent.message })}</p> : null}
    </div>
  );
}

/** A person's own paper order, judged by the same risk checks as the bot's; the decision in plain words. */
export function ManualOrderForm({ view, mode }: { view: RiskLimitsView; mode: 'paper' | 'live' }) {
  const { t } = useTranslation();
  const busy = useRiskStore((s) => s.busy);
  const result = useRiskStore((s) => s.manualResult);
  const error = useRiskStore((s) => s.manualError);
  const place = useRiskStore((s) => s.placeManualOrder);
  const clearManual = useRiskStore((s) => s.clearManualOrder);
  const account = view.account;
  const [side, setSide] = useState<'buy' | 'sell'>('buy');
  const [sizeKind, setSizeKind] = useState<SizeKind>('fraction');
  const [size, setSize] = useState('1');
  const [price, setPrice] = useState('');
  const [problem, setProblem] = useState<OrderProblem | null>(null);

  if (mode === 'live') return <section className="risk-card"><h2>{t('risk.manual.title')}</h2><p className="risk-muted">{t('risk.manual.liveMode')}</p></section>;
  const base = account?.symbol.split('/')[0] ?? '';
  const problemWords = (shown: OrderProblem): string => {
    const { key, ...words } = shown;
    return 'field' in words
      ? t(`risk.manual.problem.${key}`, { count: words.count, field: t(`risk.manual.problem.field_${words.field}`) })
      : t(`risk.manual.problem.${key}`, { example: sizeKind === 'fraction' ? '0.5' : '0.001' });
  };
  const priceText = price === '' && account ? typedPrice(account.priceQuote) : price;

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!account) return;
    const checked = checkOrder(sizeKind, size, priceText);
    if (!checked.ok) {
      // The previous decision belongs to the previous order: it is not left beside this problem.
      clearManual();
      setProblem(checked.problem);
      return;
    }
    setProblem(null);
    const { sizeNumber, priceNumber } = checked;
    void place({
      symbol: account.symbol,
      side,
      limitPriceQuote: priceNumber,
      ...(sizeKind === 'fraction' ? { fractionOfEquity: Number((sizeNumber / 100).toPrecision(12)) } : { amountBase: sizeNumber }),
    });
  };

  return (
    <section className="risk-card" aria-labelledby="risk-manual-title">
      <h2 id="risk-manual-title">{t('risk.manual.title')}</h2>
      <p className="risk-muted">{t('risk.manual.lead')}</p>
      <Terms ids={['limitOrder']} />
      {account === null ? <p>{t('risk.manual.noAccount')}</p> : (
        <form className="risk-manual" onSubmit={submit}>
          <p className="risk-manual-market">{t('risk.manual.market')}: <strong>{account.symbol}</strong></p>
          <fieldset className="risk-radios">
            <legend>{t('risk.manual.side')}</legend>
            <label><input type="radio" name="manual-side" checked={side === 'buy'} onChange={() => { setSide('buy'); }} /> {t('risk.manual.buy')}</label>
            <label><input type="radio" name="manual-side" checked={side === 'sell'} onChange={() => { setSide('sell'); }} /> {t('risk.manual.sell')}</label>
          </fieldset>
          <fieldset className="risk-radios">
            <legend>{t('risk.manual.sizeKind')}</legend>
            <label><input type="radio" name="manual-size-kind" checked={sizeKind === 'fraction'} onChange={() => { setSizeKind('fraction'); }} /> {t('risk.manual.sizeFraction')}</label>
            <label><input type="radio" name="manual-size-kind" checked={sizeKind === 'amount'} onChange={() => { setSizeKind('amount'); }} /> {t('risk.manual.sizeAmount')}</label>
          </fieldset>
          <label className="field">
            <span>{sizeKind === 'fraction' ? t('risk.manual.sizeFractionLabel') : t('risk.manual.sizeAmountLabel', { base })}</span>
            <input type="text" inputMode="decimal" autoComplete="off" value={size} onChange={(event) => { setSize(event.target.value); }} />
          </label>
          <label className="field">
            <span>{t('risk.manual.price', { asset: account.quoteAsset })}</span>
            <input type="text" inputMode="decimal" autoComplete="off" value={priceText} onChange={(event) => { setPrice(event.target.value); }} />
            <small className="risk-hint">{t('risk.manual.priceHint', { price: `${typedPrice(account.priceQuote)} ${account.quoteAsset}` })}</small>
          </label>
          {problem ? <p role="alert" className="error">{problemWords(problem)}</p> : null}
          {error ? <p role="alert" className="error">{errorWords(error, t('risk.manual.refusedInput'))}</p> : null}
          <div className="risk-edit-actions">
            <button type="submit" className="primary" disabled={busy}>{t('risk.manual.submit')}</button>
          </div>
        </form>
      )}
      {result && account ? <Decision result={result} quoteAsset={account.quoteAsset} /> : null}
    </section>
  );
}
