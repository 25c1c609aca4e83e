/** The sites allowed to ask for the card, with add and remove (issue 9 §3). */
import { useState } from 'preact/hooks';
import { t, type Lang } from '../../i18n/index';
import { PAGES } from '../../pages';
import type { SitesActions, SitesState } from '../use-sites';

export function SitesPanel({ state, actions, lang, virtual }: { state: SitesState; actions: SitesActions; lang: Lang; virtual: boolean }) {
  const [typed, setTyped] = useState('');
  return (
    <section class="panel" aria-labelledby="sites-title">
      <h2 id="sites-title" class="panel-title">{t(lang, 'sites.title')}</h2>
      <p class="small">{t(lang, 'sites.help')}</p>
      {virtual && <p class="small muted">{t(lang, 'sites.virtual')}</p>}
      {state.sites.length === 0 ? (
        <p class="small muted">{t(lang, 'sites.none')}</p>
      ) : (
        <ul class="sites">
          {state.sites.map((origin) => (
            <li key={origin} class="site">
              <span translate={false}>{origin}</span>
              <button type="button" class="btn quiet" aria-label={t(lang, 'sites.removeLabel', { site: origin })} onClick={() => actions.remove(origin)}>
                {t(lang, 'sites.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        class="site-add"
        onSubmit={(e) => {
          e.preventDefault();
          actions.add(typed);
        }}
      >
        <label for="site-input" class="small">{t(lang, 'sites.addLabel')}</label>
        <input id="site-input" type="text" inputMode="url" placeholder="www.example.go.jp" value={typed} onInput={(e) => setTyped((e.target as HTMLInputElement).value)} aria-describedby="site-problem" />
        <button type="submit" class="btn secondary">{t(lang, 'sites.add')}</button>
      </form>
      <p class="small">
        <a href={`/${PAGES.diagnostics}`} target="_blank" rel="noopener">{t(lang, 'diag.open')}</a>
      </p>
      <p id="site-problem" class="small warn-text" role="status">
        {state.problem === 'invalid' ? t(lang, 'sites.invalid') : state.problem === 'denied' ? t(lang, 'sites.denied') : ''}
      </p>
    </section>
  );
}
