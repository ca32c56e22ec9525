import './serviceCheck.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ChecklistPanel } from './ChecklistPanel.tsx';
import { ClaimScanPanel } from './ClaimScanPanel.tsx';
import { KeyCheckPanel } from './KeyCheckPanel.tsx';
import { ReportPanel } from './ReportPanel.tsx';
import { useServiceCheckStore } from './serviceCheckStore.ts';

/**
 * "Check a bot service": for someone about to let another company's bot trade for them. The key
 * check keeps nothing, the questionnaire gives a verdict with its reasons, the claim scanner marks
 * the warning signs in their advertising, and all of it can be kept as a dated report.
 */
export function ServiceCheckScreen() {
  const { t } = useTranslation();
  const loadError = useServiceCheckStore((s) => s.loadError);
  useEffect(() => {
    void useServiceCheckStore.getState().load();
  }, []);
  return (
    <div className="svc-screen">
      <h1>{t('serviceCheck.title')}</h1>
      <p className="svc-lead">{t('serviceCheck.lead')}</p>
      {loadError === null ? null : <p role="alert" className="error">{t('serviceCheck.loadFailed', { message: loadError.message })}</p>}
      <KeyCheckPanel />
      <ChecklistPanel />
      <ClaimScanPanel />
      <ReportPanel />
    </div>
  );
}
