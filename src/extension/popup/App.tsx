/**
 * The popup, drawn from a StatusSnapshot and nothing else: one glance tells the holder
 * where they stand. Pure (no chrome.* calls) so the preview and tests render it with
 * fixtures; main.tsx connects it to the extension.
 */
import { t } from '../i18n/index';
import { summaryFor } from '../ui/summary';
import { todoFor } from '../ui/todo';
import { Text } from '../ui/Text';
import { LangToggle } from '../ui/LangToggle';
import { VirtualMark } from '../ui/VirtualMark';
import type { Os } from '../ui/os';
import { FindingList } from '../ui/FindingList';
import type { PopupActions, PopupState } from './use-popup-state';
import { StatusBanner } from './components/StatusBanner';
import { ConnectionPanel } from './components/ConnectionPanel';
import { ReadingSteps } from './components/ReadingSteps';
import { CertificatePanel } from './components/CertificatePanel';
import { CardExpiryPanel } from './components/CardExpiryPanel';

export interface AppProps {
  readonly state: PopupState;
  readonly actions: PopupActions;
  /** JST calendar date the popup was opened on. */
  readonly today: string;
  /** The holder's operating system (advice for a reader the OS holds). */
  readonly os: Os;
  /** Preview only: start with the expiry form open and this text typed. */
  readonly expiryForm?: { readonly input: string };
}

export function App({ state, actions, today, os, expiryForm }: AppProps) {
  const { snapshot, lang } = state;
  const findings = snapshot?.findings ?? [];
  const summary = summaryFor(snapshot, findings);
  const card = snapshot?.card;
  const showCard = card !== undefined && (snapshot?.phase === 'ready' || snapshot?.phase === 'reading');
  return (
    <div class="popup" lang={lang}>
      {snapshot?.virtual && <VirtualMark lang={lang} />}
      <header class="topbar">
        <p class="app-name">{t(lang, 'app.name')}</p>
        <div class="topbar-actions">
          <LangToggle lang={lang} onChange={actions.setLang} />
          <button type="button" class="btn quiet" onClick={actions.refresh} disabled={state.updating}>
            {t(lang, 'refresh.button')}
          </button>
        </div>
      </header>
      <main class="content">
        <StatusBanner
          summary={summary}
          lang={lang}
          updating={state.updating}
          noAnswer={state.noAnswer}
          checkedAt={snapshot?.checkedAt ?? snapshot?.updatedAt}
          readerName={snapshot?.phase === 'ready' || snapshot?.phase === 'reading' ? snapshot.reader?.name : undefined}
          todo={snapshot?.phase === 'ready' ? todoFor(findings, lang) : undefined}
        />
        {snapshot && snapshot.phase !== 'ready' && snapshot.phase !== 'reading' && (
          <ConnectionPanel snapshot={snapshot} lang={lang} os={os} lastReader={state.lastReader} onOpenSetup={actions.openSetup} onRefresh={actions.refresh} />
        )}
        {snapshot?.phase === 'reading' && <ReadingSteps step={snapshot.step} lang={lang} />}
        {showCard && card && <CertificatePanel card={card} today={today} lang={lang} />}
        {snapshot?.phase === 'ready' && (
          <div class="panel more-group">
            {findings.length > 0 && (
              // The banner already says the one thing to do; the full wording folds away so
              // the certificates and PINs stay above the fold (Chrome draws at most 600 px).
              <details class="more-panel">
                <summary id="findings-title">{t(lang, 'more.findings', { n: findings.length })}</summary>
                <FindingList findings={findings} lang={lang} />
              </details>
            )}
            <CardExpiryPanel
              printedExpiry={state.printedExpiry}
              today={today}
              lang={lang}
              onSave={actions.setPrintedExpiry}
              initialEditing={expiryForm !== undefined}
              initialInput={expiryForm?.input}
            />
          </div>
        )}
      </main>
      <footer class="footer small">
        <button type="button" class="btn quiet" onClick={actions.openSetup}>{t(lang, 'footer.setup')}</button>
        <p class="muted footer-lost"><Text>{t(lang, 'footer.lost')}</Text></p>
      </footer>
    </div>
  );
}
