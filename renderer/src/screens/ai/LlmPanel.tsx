import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatLocalTime } from '../../frame/formatTime.ts';
import { useAiStore } from './aiStore.ts';

const PRESETS = [
  { id: 'ollama', baseUrl: 'http://localhost:11434/v1' },
  { id: 'lm-studio', baseUrl: 'http://localhost:1234/v1' },
  { id: 'llama-cpp', baseUrl: 'http://localhost:8080/v1' },
  { id: 'hosted', baseUrl: 'https://api.openai.com/v1' },
] as const;
type PresetId = (typeof PRESETS)[number]['id'];

/** The LLM provider (the key goes in once and never comes back), its role, and its calls with verdicts. */
export function LlmPanel() {
  const { t } = useTranslation();
  const overview = useAiStore((s) => s.overview);
  const connection = useAiStore((s) => s.connection);
  const busy = useAiStore((s) => s.busy);
  const provider = overview?.provider;
  const [presetId, setPresetId] = useState<PresetId>(provider?.configured === true ? provider.presetId : 'ollama');
  const [baseUrl, setBaseUrl] = useState(provider?.configured === true ? provider.baseUrl : PRESETS[0].baseUrl);
  const [model, setModel] = useState(provider?.configured === true ? provider.model : 'llama3.1:8b');
  const [apiKey, setApiKey] = useState('');
  if (provider === undefined) return null;

  const save = async (): Promise<void> => {
    const saved = await useAiStore.getState().saveProvider({ presetId, baseUrl, model, ...(apiKey === '' ? {} : { apiKey }) });
    // The field is emptied either way: the key is never shown again.
    setApiKey('');
    if (!saved) return;
  };

  return (
    <section className="card ai-llm" aria-label={t('ai.llm.title')}>
      <h2>{t('ai.llm.title')}</h2>
      <p>{t('ai.llm.intro')}</p>
      <p className="muted" role="note">{t('ai.llm.noBacktest')}</p>
      <form onSubmit={(event) => { event.preventDefault(); void save(); }}>
        <label>
          {t('ai.llm.preset')}
          <select value={presetId} onChange={(event) => {
            const next = PRESETS.find((item) => item.id === event.target.value) ?? PRESETS[0];
            setPresetId(next.id);
            setBaseUrl(next.baseUrl);
          }}>
            {PRESETS.map((item) => <option key={item.id} value={item.id}>{t(`ai.llm.presets.${item.id}`)}</option>)}
          </select>
        </label>
        <label>{t('ai.llm.baseUrl')}<input type="text" spellCheck={false} value={baseUrl} onChange={(event) => { setBaseUrl(event.target.value); }} /></label>
        <label>{t('ai.llm.model')}<input type="text" spellCheck={false} value={model} onChange={(event) => { setModel(event.target.value); }} /></label>
        <label>
          {t('ai.llm.apiKey')}
          <input type="password" autoComplete="off" value={apiKey} placeholder={provider.apiKeyStored ? t('ai.llm.apiKeyStored') : ''} onChange={(event) => { setApiKey(event.target.value); }} />
        </label>
        <p className="muted">{t('ai.llm.apiKeyNote')}</p>
        <div className="ai-actions">
          <button type="submit" disabled={busy}>{t('ai.llm.save')}</button>
          <button type="button" disabled={busy || !provider.configured} onClick={() => { void useAiStore.getState().testConnection(); }}>{t('ai.llm.test')}</button>
        </div>
      </form>
      {connection === null ? null : (
        <p role="status" className={connection.ok ? 'ok' : 'error'}>
          {connection.ok
            ? t(connection.modelFound ? 'ai.llm.connectionOk' : 'ai.llm.connectionModelMissing', { latency: connection.latencyMs ?? 0, models: connection.models.join(', ') })
            : connection.reasons.map((reason) => reason.text).join(' ')}
        </p>
      )}
      <fieldset disabled={busy || !provider.configured}>
        <legend>{t('ai.llm.role')}</legend>
        {(['off', 'second-opinion'] as const).map((role) => (
          <label key={role} className="ai-radio">
            <input type="radio" name="llm-role" checked={provider.role === role} onChange={() => { void useAiStore.getState().setRole(role); }} />
            {t(`ai.llm.roles.${role}`)}
          </label>
        ))}
      </fieldset>
      <p className="muted">{t('ai.llm.uncalibrated')}</p>
      <h3>{t('ai.llm.callsTitle')}</h3>
      {overview?.calls.length === 0 ? <p className="muted">{t('ai.llm.noCalls')}</p> : null}
      <ol aria-label={t('ai.llm.callsTitle')} className="ai-calls">
        {overview?.calls.slice(0, 30).map((call) => (
          <li key={`${call.adviceId}-${call.askedAtMs}`} data-verdict={call.verdict}>
            <time className="muted">{formatLocalTime(call.askedAtMs)}</time>{' '}
            <strong>{t(`ai.llm.verdict.${call.verdict}`)}</strong>
            {call.stance === null ? null : <> · {t('ai.llm.stance', { stance: call.stance, up: Math.round((call.probabilityUp ?? 0) * 100), confidence: Math.round((call.confidence ?? 0) * 100) })}</>}
            {call.effect === null ? null : <p>{call.effect.text}</p>}
            {call.rationale === null ? null : <p className="muted">“{call.rationale}”</p>}
            {call.reasons.length === 0 ? null : <p className="muted">{call.reasons.map((reason) => reason.text).join(' ')}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
