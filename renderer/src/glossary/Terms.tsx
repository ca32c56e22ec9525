import { useTranslation } from 'react-i18next';
import type { TermId } from '../i18n/en/glossary.ts';

/**
 * Trading words a beginner may not know, explained in one line where they appear. One pattern
 * everywhere: a small definition list under the text that uses the words, always visible (no
 * hover, so it works with a keyboard, a screen reader and a touch screen).
 */
export function Terms({ ids }: { ids: readonly TermId[] }) {
  const { t } = useTranslation();
  if (ids.length === 0) return null;
  return (
    <dl className="terms">
      {ids.map((id) => (
        <div key={id} data-term={id}>
          <dt>{t(`glossary.${id}.term`)}</dt>
          <dd>{t(`glossary.${id}.meaning`)}</dd>
        </div>
      ))}
    </dl>
  );
}
