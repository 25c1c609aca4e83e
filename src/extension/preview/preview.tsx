/**
 * Renders the popup with a fixture snapshot outside the extension: `?case=healthy&lang=en`.
 * The actions are inert stand-ins (the buttons still focus and click); no chrome.* API
 * is touched. Bundled only by test/extension/shoot-ui.ts, never by the extension build.
 */
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { App } from '../popup/App';
import { isLang, type Lang } from '../i18n/index';
import { PREVIEW_CASES, PREVIEW_TODAY } from './fixtures';
import '../ui/styles.css';
import '../popup/popup.css';

function Preview({ name, initialLang }: { name: string; initialLang: Lang }) {
  const c = PREVIEW_CASES[name];
  const [lang, setLang] = useState<Lang>(initialLang);
  const [printed, setPrinted] = useState<string | undefined>(c?.printedExpiry);
  if (!c) return <p>unknown case {name}</p>;
  document.documentElement.lang = lang;
  return (
    <App
      today={PREVIEW_TODAY}
      os="linux"
      state={{ snapshot: c.snapshot, lang, updating: c.updating ?? false, noAnswer: c.noAnswer ?? false, printedExpiry: printed }}
      actions={{
        refresh: () => undefined,
        setLang,
        setPrintedExpiry: async (date) => {
          setPrinted(date ?? undefined);
          return true;
        },
        openSetup: () => undefined,
      }}
      {...(c.expiryForm ? { expiryForm: c.expiryForm } : {})}
    />
  );
}

const params = new URLSearchParams(location.search);
const lang = params.get('lang');
const root = document.getElementById('app');
if (root) render(<Preview name={params.get('case') ?? 'healthy'} initialLang={isLang(lang) ? lang : 'ja'} />, root);
