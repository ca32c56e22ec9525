import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpAllowlistChoice, KeyExchange, TriState } from '#core/contract/index.ts';

/**
 * The IP allowlist, recommended loudly; the person decides and Ballast records it. When the
 * exchange reports the key restricted, there is nothing to decide.
 */
export function IpDecision({ exchange, ipRestricted, choice, onChoice }: {
  exchange: KeyExchange;
  ipRestricted: TriState;
  choice: IpAllowlistChoice | null;
  onChoice: (choice: IpAllowlistChoice) => void;
}) {
  const { t } = useTranslation();
  const name = useId();
  const exchangeName = t(`keys.exchange.${exchange}`);
  if (ipRestricted === true) return <p className="keys-ip" data-tone="safe">{t('keys.wizard.ip.restricted')}</p>;
  const options: readonly IpAllowlistChoice[] = ipRestricted === false ? ['declined'] : ['allowlist-set', 'declined'];
  return (
    <fieldset className="keys-ip" data-tone="warn">
      <legend>{t('keys.wizard.ip.title')}</legend>
      <p>{ipRestricted === false ? t('keys.wizard.ip.notRestricted', { exchange: exchangeName }) : t('keys.wizard.ip.unreported', { exchange: exchangeName })}</p>
      <p className="keys-ip-decision">{t('keys.wizard.ip.decision')}</p>
      {options.map((option) => (
        <label key={option} className="keys-choice">
          <input type="radio" name={name} checked={choice === option} onChange={() => { onChoice(option); }} />
          <span>
            {option === 'allowlist-set'
              ? t('keys.wizard.ip.chooseSet')
              : ipRestricted === false ? t('keys.wizard.ip.chooseDeclineStrict') : t('keys.wizard.ip.chooseDecline')}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
