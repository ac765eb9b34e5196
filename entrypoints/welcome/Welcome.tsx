/**
 * The first-run page, opened once when Backstory is installed: what it does, in three sentences,
 * and the one question it asks — whether to remember the articles the reader reads. Either answer
 * is kept (`welcomed`), and can be changed in the options or the reading room at any time.
 */
import { useEffect, useState } from 'preact/hooks';
import { Logo } from '../../components/Logo';
import { useI18n } from '../../lib/i18n/use-i18n';
import { type Settings, getSettings, updateSettings, watchSettings } from '../../lib/settings';
import { openSidePanel } from '../../lib/side-panel';

export function Welcome() {
  const { t } = useI18n();
  const [settings, setSettings] = useState<Settings | undefined>();
  useEffect(() => {
    void getSettings().then(setSettings);
    return watchSettings(setSettings);
  }, []);

  const answer = (remember: boolean) => void updateSettings({ remember, rememberPaused: false, welcomed: true });

  return (
    <main class="bs-options bs-root bs-welcome">
      <h1 class="bs-options-title"><Logo size={28} /> {t('welcome.pageTitle')}</h1>
      <p>{t('welcome.intro')}</p>
      <section aria-labelledby="bs-welcome-question" class="bs-callout">
        <h2 id="bs-welcome-question" class="bs-section-title">{t('welcome.question')}</h2>
        <p>{t('welcome.questionHelp')}</p>
        {!settings ? <p class="bs-muted">{t('common.loading')}</p> : (
          <div class="bs-toolbar">
            <button type="button" class="bs-button" aria-pressed={settings.welcomed && settings.remember} onClick={() => answer(true)}>
              {t('welcome.yes')}
            </button>
            <button type="button" class="bs-button" aria-pressed={settings.welcomed && !settings.remember} onClick={() => answer(false)}>
              {t('welcome.notNow')}
            </button>
          </div>
        )}
        {settings?.welcomed && (
          <p class="bs-ok" role="status">
            {t(settings.remember ? 'welcome.saidYes' : 'welcome.saidNo')}
          </p>
        )}
      </section>
      <p>
        <button type="button" class="bs-link-button" onClick={() => void openSidePanel({}, { view: 'search' })}>{t('common.openReadingRoom')}</button>
      </p>
    </main>
  );
}
