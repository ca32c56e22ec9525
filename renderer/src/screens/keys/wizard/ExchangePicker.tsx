import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyExchange } from '#core/contract/index.ts';
import { EXCHANGE_GUIDES } from '../exchangeGuides.ts';

/** Step 1: which exchange. */
export function ExchangePicker({ chosen, onChoose, onNext, onCancel }: {
  chosen: KeyExchange | null;
  onChoose: (exchange: KeyExchange) => void;
  onNext: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <form onSubmit={(event) => { event.preventDefault(); onNext(); }}>
      <fieldset className="keys-exchanges">
        <legend>{t('keys.wizard.chooseExchange')}</legend>
        {EXCHANGE_GUIDES.map((guide) => (
          <label key={guide.id} className="keys-exchange">
            <input type="radio" name={name} value={guide.id} checked={chosen === guide.id} onChange={() => { onChoose(guide.id); }} />
            <span>{t(`keys.exchange.${guide.id}`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="keys-actions">
        <button type="button" onClick={onCancel}>{t('keys.wizard.cancel')}</button>
        <button type="submit" className="primary" disabled={chosen === null}>{t('keys.wizard.next')}</button>
      </div>
    </form>
  );
}
