/** Renders the pairing page with a fixture state: `?case=protected&lang=en`. Preview only. */
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { SetupApp } from '../setup/App';
import { isLang, type Lang } from '../i18n/index';
import { SETUP_CASES } from './setup-fixtures';
import '../ui/styles.css';
import '../setup/setup.css';

function Preview({ name, initialLang }: { name: string; initialLang: Lang }) {
  const [lang, setLang] = useState<Lang>(initialLang);
  const c = SETUP_CASES[name];
  if (!c) return <p>unknown case {name}</p>;
  document.documentElement.lang = lang;
  const none = (): void => undefined;
  return <SetupApp state={{ ...c, lang }} actions={{ choose: none, retry: none, forget: none, setLang }} sites={{ sites: ['https://www.e-tax.nta.go.jp'], problem: undefined }} siteActions={{ add: none, remove: none }} />;
}

const params = new URLSearchParams(location.search);
const lang = params.get('lang');
const root = document.getElementById('app');
if (root) render(<Preview name={params.get('case') ?? 'intro'} initialLang={isLang(lang) ? lang : 'ja'} />, root);
