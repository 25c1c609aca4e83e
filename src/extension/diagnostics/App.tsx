/**
 * The diagnostics page (issue 10 §5): the last requests sites made — when, which site,
 * which protocol and mode, the field names and sizes, the outcome — so the first session
 * on a real government site shows exactly what it asked. Never a PIN, a digest or
 * personal data: the log holds shapes only. "Copy" gives the same as plain JSON for a report.
 */
import { t, type Lang } from '../i18n/index';
import type { SiteLogEntry } from '../site-log-model';
import { LangToggle } from '../ui/LangToggle';

export interface DiagnosticsProps {
  readonly lang: Lang;
  readonly log: readonly SiteLogEntry[];
  readonly copied: boolean;
  readonly setLang: (lang: Lang) => void;
  readonly copy: () => void;
  readonly clear: () => void;
}

export function DiagnosticsApp({ lang, log, copied, setLang, copy, clear }: DiagnosticsProps) {
  return (
    <main class="diagnostics" lang={lang}>
      <header class="setup-top">
        <h1>{t(lang, 'diag.title')}</h1>
        <LangToggle lang={lang} onChange={setLang} />
      </header>
      <p class="small">{t(lang, 'diag.lead')}</p>
      <p class="diag-buttons">
        <button type="button" class="btn" onClick={copy} disabled={log.length === 0}>{t(lang, copied ? 'diag.copied' : 'diag.copy')}</button>
        <button type="button" class="btn secondary" onClick={clear} disabled={log.length === 0}>{t(lang, 'diag.clear')}</button>
      </p>
      {log.length === 0 ? (
        <p class="muted">{t(lang, 'diag.none')}</p>
      ) : (
        <table class="diag">
          <thead>
            <tr>
              <th>{t(lang, 'diag.at')}</th>
              <th>{t(lang, 'diag.origin')}</th>
              <th>{t(lang, 'diag.request')}</th>
              <th>{t(lang, 'diag.fields')}</th>
              <th>{t(lang, 'diag.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {[...log].reverse().map((e, i) => (
              <tr key={`${e.at}-${i}`}>
                <td>{new Date(e.at).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: 'Asia/Tokyo' })}</td>
                <td translate={false}>{e.origin}</td>
                <td translate={false}>{e.protocol} {e.request}</td>
                <td translate={false}>{e.fields.join(', ')}{e.sizes.length > 0 ? ` (${e.sizes.join(', ')} B)` : ''}</td>
                <td translate={false}>{e.outcome}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
