import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_REPLAY_FILE_CHARS, type ReplayFileSummary } from '#core/contract/index.ts';
import { isMarketSymbol } from '#core/model/index.ts';
import { useBotStore } from '../../store/botStore.ts';

/** What the last press of Import gave: shown beside the button, replacing the one before. */
type ImportOutcome =
  | { readonly kind: 'imported'; readonly summary: ReplayFileSummary }
  | { readonly kind: 'refused'; readonly lines: readonly string[] };

/** Import a CSV/JSON candle file; every problem is listed with its row, nothing half-imported. */
export function ReplayImport({ symbol, onSymbolChange, onImported }: {
  readonly symbol: string;
  readonly onSymbolChange: (symbol: string) => void;
  readonly onImported: (file: ReplayFileSummary) => void;
}) {
  const { t } = useTranslation();
  const busy = useBotStore((s) => s.busy);
  const importFile = useBotStore((s) => s.importFile);
  const fileInput = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);

  const refuse = (...lines: string[]): void => { setOutcome({ kind: 'refused', lines }); };
  const tooLarge = (): string => t('paper.importTooLarge', { megabytes: MAX_REPLAY_FILE_CHARS / 1_000_000 });

  /** The form's own checks, in words, so a schema's wording never reaches the person. */
  const problemBeforeReading = (file: File | undefined, market: string): string | null => {
    if (!file) return t('paper.importNoFile');
    if (!isMarketSymbol(market)) return t('paper.importBadSymbol');
    // A character takes at most 4 bytes: a file larger than that cannot fit; the exact check follows.
    if (file.size > MAX_REPLAY_FILE_CHARS * 4) return tooLarge();
    return null;
  };

  const runImport = async (): Promise<void> => {
    const file = fileInput.current?.files?.[0];
    const market = symbol.trim().toUpperCase();
    const problem = problemBeforeReading(file, market);
    if (problem !== null || file === undefined) {
      refuse(problem ?? t('paper.importNoFile'));
      return;
    }
    setOutcome(null);
    const text = await file.text();
    if (text.length > MAX_REPLAY_FILE_CHARS) {
      refuse(tooLarge());
      return;
    }
    const result = await importFile(file.name, text, market);
    if (!result.ok) {
      refuse(...(result.error.code === 'INVALID_INPUT' ? [t('paper.importUnreadable')] : result.error.message.split('\n')));
      return;
    }
    setOutcome({ kind: 'imported', summary: result.value });
    onImported(result.value);
  };

  return (
    <div className="import">
      <div className="grid-2">
        <label className="field">
          <span>{t('paper.file')}</span>
          <input ref={fileInput} type="file" accept=".csv,.json,text/csv,application/json" onChange={() => { setOutcome(null); }} />
        </label>
        <label className="field">
          <span>{t('paper.symbol')}</span>
          <input type="text" value={symbol} onChange={(event) => { onSymbolChange(event.target.value); }} spellCheck={false} />
        </label>
      </div>
      <div className="row">
        <button type="button" onClick={() => void runImport()} disabled={busy}>{busy ? t('paper.importing') : t('paper.import')}</button>
      </div>
      {outcome?.kind === 'refused' ? (
        <div className="import-result error" role="alert">
          <p>{t('paper.importRefused')}</p>
          <ul>{outcome.lines.map((line, index) => <li key={`${String(index)}-${line}`}>{line}</li>)}</ul>
        </div>
      ) : null}
      {outcome?.kind === 'imported' ? (
        <div className="import-result" role="status">
          <p>{t('paper.importedSummary', { name: outcome.summary.fileName, symbol: outcome.summary.symbol, bars: outcome.summary.bars.toLocaleString(), timeframe: outcome.summary.timeframe })}</p>
          {outcome.summary.importNotes.length > 0 ? (
            <>
              <p className="muted">{t('paper.importNotes')}</p>
              <ul>
                {outcome.summary.importNotes.map((note) => <li key={note}>{note}</li>)}
              </ul>
            </>
          ) : null}
          {outcome.summary.dataWarnings.length > 0 ? (
            <ul className="warnings">
              {outcome.summary.dataWarnings.map((warning) => <li key={warning}>{warning}</li>)}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
