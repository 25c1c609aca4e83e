/** Entry of the diagnostics page: the site log from storage.session, followed live. */
/// <reference types="vite/client" />
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_LANG, type Lang } from '../i18n/index';
import type { SiteLogEntry } from '../site-log-model';
import * as link from '../view-link';
import { DiagnosticsApp } from './App';
import '../ui/styles.css';
import './diagnostics.css';

function Diagnostics() {
  const [lang, setLangState] = useState<Lang>(DEFAULT_LANG);
  const [log, setLog] = useState<readonly SiteLogEntry[]>([]);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    void link.lang().then(setLangState);
    void link.siteLog().then(setLog);
    return link.watch({ lang: setLangState, siteLog: setLog });
  }, []);
  document.documentElement.lang = lang;
  return (
    <DiagnosticsApp
      lang={lang}
      log={log}
      copied={copied}
      setLang={(next) => {
        setLangState(next);
        void link.setLang(next);
      }}
      copy={() => void navigator.clipboard.writeText(JSON.stringify(log, null, 2)).then(() => setCopied(true))}
      clear={() => void link.clearSiteLog()}
    />
  );
}

const root = document.getElementById('app');
if (root) render(<Diagnostics />, root);
