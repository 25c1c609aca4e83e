/**
 * The pairing page (an extension tab, opened from the popup and on first install).
 * Pure rendering from PairingState so the preview draws every verdict with fixtures.
 */
import { Text } from '../ui/Text';
import { t } from '../i18n/index';
import { usbIdsOf } from './pairing';
import { LangToggle } from '../ui/LangToggle';
import type { PairingActions, PairingState, VerdictView } from './use-pairing';
import { VerdictPanel } from './components/VerdictPanel';
import { ReaderList } from './components/ReaderList';
import { SitesPanel } from './components/SitesPanel';
import { SonyReaders } from './components/SonyReaders';
import type { SitesActions, SitesState } from './use-sites';

/**
 * Without a fresh choice, a paired reader that needs the holder's help (Chrome refuses
 * it, or the OS holds it) gets its explanation and steps: the popup sends the holder
 * here for exactly that.
 */
function pairedNeedingHelp(state: PairingState): VerdictView | null {
  const reader = state.readers?.find((r) => r.verdict === 'os-busy' || r.verdict === 'protected-class');
  if (reader === undefined) return null;
  const chosen = usbIdsOf(reader.identity);
  return { verdict: reader.verdict, reader, ...(chosen ? { chosen } : {}) };
}

export function SetupApp({ state, actions, sites, siteActions }: { state: PairingState; actions: PairingActions; sites: SitesState; siteActions: SitesActions }) {
  const { lang, virtual } = state;
  const shown = state.result ?? pairedNeedingHelp(state);
  return (
    <div class="setup" lang={lang}>
      <header class="setup-top">
        <p class="app-name">{t(lang, 'app.name')}{virtual ? ` — ${t(lang, 'virtual.mark')}` : ''}</p>
        <LangToggle lang={lang} onChange={actions.setLang} />
      </header>
      <main class="setup-main">
        <h1 class="setup-title">{t(lang, 'setup.title')}</h1>
        <p class="lead">{t(lang, 'setup.lead')}</p>
        {virtual && <p class="virtual-note small" role="note">{t(lang, 'setup.virtualNote')}</p>}
        <section class="panel" aria-labelledby="how-title">
          <h2 id="how-title" class="panel-title">{t(lang, 'setup.howTitle')}</h2>
          <ol class="how">
            <li><Text>{t(lang, 'setup.how1')}</Text></li>
            <li><Text>{t(lang, 'setup.how2')}</Text></li>
            <li><Text>{t(lang, 'setup.how3')}</Text></li>
          </ol>
          <p class="small muted privacy">{t(lang, 'setup.privacy')}</p>
        </section>
        {state.usbAvailable ? (
          <p class="choose">
            <button type="button" class="btn big" onClick={actions.choose} disabled={state.busy !== null}>
              {t(lang, 'setup.choose')}
            </button>
          </p>
        ) : (
          <p class="verdict error" role="alert">{t(lang, 'setup.noUsb')}</p>
        )}
        <div aria-live="polite" role="status">
          {state.busy === 'trying' && <p class="trying">{t(lang, 'setup.trying')}</p>}
          {state.busy === null && shown && (
            <VerdictPanel result={shown} lang={lang} os={state.os} onRetry={() => actions.retry(shown)} />
          )}
          {state.forgotten && <p class="small">{t(lang, 'paired.forgotten', { name: state.forgotten })}</p>}
        </div>
        <ReaderList readers={state.readers} lang={lang} onForget={actions.forget} />
        <SonyReaders lang={lang} />
        <SitesPanel state={sites} actions={siteActions} lang={lang} virtual={virtual} />
      </main>
    </div>
  );
}
