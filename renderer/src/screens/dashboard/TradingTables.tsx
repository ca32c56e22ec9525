import { splitMarketSymbol } from '#core/model/index.ts';
import { useTranslation } from 'react-i18next';
import type { DashboardSnapshot } from '#core/contract/index.ts';
import { formatLocalTime } from '../../frame/formatTime.ts';
import { formatAmount, formatPrice, formatSignedMoney, formatMoney } from '../../numberFormat.ts';

const baseOf = (symbol: string): string => splitMarketSymbol(symbol).base;

/** Positions, open orders and recent fills, straight from the paper account's fills. */
export function TradingTables({ snapshot }: { snapshot: DashboardSnapshot }) {
  const { t } = useTranslation();
  const quote = snapshot.quoteAsset;
  return (
    <>
      <div className="card">
        <h2>{t('dashboard.positionsTitle')}</h2>
        {snapshot.positions.length === 0 ? <p className="muted">{t('dashboard.noPositions')}</p> : (
          <table aria-label={t('dashboard.positionsTitle')}>
            <thead><tr><th>{t('dashboard.colMarket')}</th><th>{t('dashboard.colAmount')}</th><th>{t('dashboard.colEntry')}</th><th>{t('dashboard.colOpenPnl')}</th><th>{t('dashboard.colProtection')}</th></tr></thead>
            <tbody>
              {snapshot.positions.map((position) => (
                <tr key={position.symbol}>
                  <td>{position.symbol}</td>
                  <td>{formatAmount(position.amountBase, baseOf(position.symbol))}</td>
                  <td>{formatPrice(position.averageEntryQuote, quote)}</td>
                  <td>{formatSignedMoney(position.unrealisedPnlQuote, quote)}</td>
                  <td>{t(`dashboard.protection_${position.protection}`, { price: formatPrice(position.stopPriceQuote, quote) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="card">
        <h2>{t('dashboard.ordersTitle')}</h2>
        {snapshot.openOrders.length === 0 ? <p className="muted">{t('dashboard.noOrders')}</p> : (
          <table aria-label={t('dashboard.ordersTitle')}>
            <thead><tr><th>{t('dashboard.colSide')}</th><th>{t('dashboard.colType')}</th><th>{t('dashboard.colAmount')}</th><th>{t('dashboard.colPrice')}</th><th>{t('dashboard.colStatus')}</th></tr></thead>
            <tbody>
              {snapshot.openOrders.map((order) => (
                <tr key={order.clientOrderId}>
                  <td>{t(`dashboard.side_${order.side}`)}</td>
                  <td>{order.type}</td>
                  <td>{formatAmount(order.amountBase, baseOf(order.symbol))}</td>
                  <td>{formatPrice(order.limitPriceQuote ?? order.stopPriceQuote, quote)}</td>
                  <td>{order.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="card">
        <h2>{t('dashboard.fillsTitle')}</h2>
        {snapshot.fills.length === 0 ? <p className="muted">{t('dashboard.noFills')}</p> : (
          <table aria-label={t('dashboard.fillsTitle')}>
            <thead><tr><th>{t('dashboard.colTime')}</th><th>{t('dashboard.colSide')}</th><th>{t('dashboard.colAmount')}</th><th>{t('dashboard.colPrice')}</th><th>{t('dashboard.colFee')}</th></tr></thead>
            <tbody>
              {snapshot.fills.map((fill, index) => (
                <tr key={`${fill.clientOrderId}-${index}`}>
                  <td>{formatLocalTime(fill.atMs)}</td>
                  <td>{t(`dashboard.side_${fill.side}`)}</td>
                  <td>{formatAmount(fill.amountBase, baseOf(fill.symbol))}</td>
                  <td>{formatPrice(fill.priceQuote, quote)}</td>
                  <td>{formatMoney(fill.feeQuote, quote)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}
