import { Trans, useTranslation } from 'react-i18next';
import type { KeyExchange } from '#core/contract/index.ts';
import { Terms } from '../../../glossary/Terms.tsx';
import { guideFor } from '../exchangeGuides.ts';

/** Step 2: short, concrete steps on the exchange's site, and why each setting matters. */
export function ExchangeGuideStep({ exchange, onBack, onNext }: { exchange: KeyExchange; onBack: () => void; onNext: () => void }) {
  const { t } = useTranslation();
  const guide = guideFor(exchange);
  const name = t(`keys.exchange.${exchange}`);
  return (
    <div>
      <h3>{t('keys.wizard.guideTitle', { exchange: name })}</h3>
      <ol className="keys-guide">
        {guide.steps.map((step) => (
          <li key={step}><Trans i18nKey={step} /></li>
        ))}
      </ol>
      <Terms ids={['spot']} />
      <p>
        {/* Opens in the system browser; the main process allows only the exchanges' help sites. */}
        <a href={guide.helpUrl} target="_blank" rel="noreferrer">{t('keys.wizard.helpLink', { exchange: name })}</a>
      </p>
      <aside className="keys-why" aria-labelledby="keys-why-title">
        <h4 id="keys-why-title">{t('keys.wizard.why.title')}</h4>
        <ul>
          <li><Trans i18nKey="keys.wizard.why.trade" /></li>
          <li><Trans i18nKey="keys.wizard.why.withdraw" /></li>
          <li><Trans i18nKey="keys.wizard.why.ip" /></li>
        </ul>
      </aside>
      <div className="keys-actions">
        <button type="button" onClick={onBack}>{t('keys.wizard.back')}</button>
        <button type="button" className="primary" onClick={onNext}>{t('keys.wizard.created')}</button>
      </div>
    </div>
  );
}
