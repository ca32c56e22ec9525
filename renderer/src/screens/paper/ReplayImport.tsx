import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplayFileSummary } from '#core/contract/index.ts';
import { useBotStore } from '../../store/botStore.ts';

/** Import a CSV/JSON candle file; every problem is listed with its row, nothing half-imported. */
export function ReplayImport({ onImported }: { onImported: (file: ReplayFileSummary) => void }) {
  const { t } = useTranslation();
  const busy = useBotStore((s) => s.busy);
  const importFile = useBotStore((s) => s.importFile);
  const fileInput = useRef<HTMLInputElement>(null);
  const [symbol, setSymbol] = useState('BTC/USDT');
  const [imported, setImported] = useState<ReplayFileSummary | null>(null);

  const runImport = () => {
    const file = fileInput.current?.files?.[0];
    if (!file) return;
    void importFile(file, symbol.trim().toUpperCase()).then((summary) => {
      if (!summary) return;
      setImported(summary);
      onImported(summary);
    });
  };

  return (
    <div className="import">
      <div className="grid-2">
        <label className="field">
          <span>{t('paper.file')}</span>
          <input ref={fileInput} type="file" accept=".csv,.json,text/csv,application/json" />
        </label>
        <label className="field">
          <span>{t('paper.symbol')}</span>
          <input type="text" value={symbol} onChange={(event) => { setSymbol(event.target.value); }} spellCheck={false} />
        </label>
      </div>
      <button type="button" onClick={runImport} disabled={busy}>{t('paper.import')}</button>
      {imported ? (
        <div className="import-result" role="status">
          <p>{t('paper.importedSummary', { name: imported.fileName, bars: imported.bars.toLocaleString(), timeframe: imported.timeframe })}</p>
          {imported.dataWarnings.length > 0 ? (
            <ul className="warnings">
              {imported.dataWarnings.map((warning) => <li key={warning}>{warning}</li>)}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
