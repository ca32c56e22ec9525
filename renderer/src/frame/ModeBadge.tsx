import { useTranslation } from 'react-i18next';
import type { TradingMode } from '#core/contract/index.ts';

export function ModeBadge({ mode }: { mode: TradingMode }) {
  const { t } = useTranslation();
  return (
    <span className="mode-badge" data-mode={mode} data-testid="mode-badge" title={t(`mode.${mode}Hint`)}>
      {t(`mode.${mode}`)}
    </span>
  );
}
