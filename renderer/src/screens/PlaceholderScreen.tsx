import { useTranslation } from 'react-i18next';
import type { ScreenId } from '../store/appStore.ts';

/** A screen with nothing behind it yet says so; it never shows made-up numbers. */
export function PlaceholderScreen({ id }: { id: ScreenId }) {
  const { t } = useTranslation();
  return (
    <section className="screen" aria-labelledby={`screen-${id}`}>
      <h1 id={`screen-${id}`}>{t(`screens.${id}.title`)}</h1>
      <div className="placeholder">
        <span className="tag">{t('screens.notBuilt')}</span>
        <p>{t(`screens.${id}.empty`)}</p>
      </div>
    </section>
  );
}
