import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBoundary } from './frame/ErrorBoundary.tsx';
import { Frame } from './frame/Frame.tsx';
import { screenComponents } from './screens/registry.tsx';
import { useAppStore } from './store/appStore.ts';

export function App() {
  const { t } = useTranslation();
  const screen = useAppStore((s) => s.screen);
  const status = useAppStore((s) => s.status);
  const loadError = useAppStore((s) => s.loadError);

  useEffect(() => {
    const { load, subscribe } = useAppStore.getState();
    const unsubscribe = subscribe();
    void load();
    return unsubscribe;
  }, []);

  if (loadError) return <p role="alert" className="error boot">{t('app.coreUnreachable', { message: loadError })}</p>;
  if (!status) return <p className="boot">{t('app.loading')}</p>;
  const Screen = screenComponents[screen];
  return (
    <ErrorBoundary message={t('app.frameCrashed')}>
      <Frame>
        <ErrorBoundary key={screen} message={t('app.screenCrashed')}>
          <Screen />
        </ErrorBoundary>
      </Frame>
    </ErrorBoundary>
  );
}
