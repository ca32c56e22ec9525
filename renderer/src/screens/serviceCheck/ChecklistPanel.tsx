import { useTranslation } from 'react-i18next';
import type { ChecklistQuestionView } from '#core/contract/index.ts';
import { ReasonList, useCodeWords, VerdictBox } from './Reasons.tsx';
import { useServiceCheckStore } from './serviceCheckStore.ts';

function Question({ question }: { question: ChecklistQuestionView }) {
  const { t } = useTranslation();
  const words = useCodeWords();
  const chosen = useServiceCheckStore((s) => s.answers[question.id]);
  const answer = useServiceCheckStore((s) => s.answer);
  return (
    <fieldset className="svc-question">
      <legend>{words(question.questionCode)}</legend>
      <p className="svc-why"><strong>{t('serviceCheck.checklist.why')}</strong>{words(question.explanationCode)}</p>
      <div className="svc-options">
        {question.options.map((option) => (
          <label key={option.id}>
            <input
              type="radio"
              name={`svc-${question.id}`}
              value={option.id}
              checked={chosen === option.id}
              onChange={() => { void answer(question.id, option.id); }}
            />
            {' '}{words(option.labelCode)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The questionnaire, each question explained, with the verdict for the answers so far. */
export function ChecklistPanel() {
  const { t } = useTranslation();
  const { checklist, verdict, serviceName, setServiceName } = useServiceCheckStore();
  if (checklist === null) return null;
  return (
    <section className="svc-card" aria-labelledby="svc-checklist-title">
      <h2 id="svc-checklist-title">{t('serviceCheck.checklist.title')}</h2>
      <p>{t('serviceCheck.checklist.intro')}</p>
      <label className="field svc-name">
        <span>{t('serviceCheck.checklist.serviceName')}</span>
        <input type="text" value={serviceName} maxLength={200} onChange={(e) => { setServiceName(e.target.value); }} />
      </label>
      {checklist.questions.map((question) => <Question key={question.id} question={question} />)}
      {verdict === null ? null : (
        <section role="region" aria-labelledby="svc-checklist-verdict-title" className="svc-result">
          <h3 id="svc-checklist-verdict-title" className="svc-result-title">{t('serviceCheck.checklist.verdictTitle')}</h3>
          <VerdictBox verdict={verdict.level} headingId="svc-checklist-verdict">
            {verdict.notChecked.length === 0 ? null : (
              <p className="svc-small">{t('serviceCheck.checklist.unanswered', { count: verdict.notChecked.length })}</p>
            )}
            <ReasonList
              // Unanswered questions are counted above; every answer given is listed with what it means.
              reasons={verdict.reasons.filter((r) => !verdict.notChecked.includes(String(r.params['question'])))}
              label={t('serviceCheck.checklist.verdictTitle')}
            />
          </VerdictBox>
        </section>
      )}
    </section>
  );
}
