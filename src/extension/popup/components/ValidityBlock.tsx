/**
 * One validity (a certificate, or the card itself): state, dates, days left, when
 * renewal opens, and the timeline when the issue date is known.
 */
import { t, type Lang } from '../../i18n/index';
import { formatDate, formatDaysLeft } from '../../ui/format';
import { Timeline } from '../../ui/Timeline';
import type { ValidityView } from '../../ui/validity-view';

const PILL_TONE = { valid: 'ok', 'renewal-open': 'warning', expired: 'error', 'not-yet-valid': 'warning' } as const;

export function ValidityBlock({ view, lang }: { view: ValidityView; lang: Lang }) {
  const renewalLine =
    view.state === 'expired' ? t(lang, 'cert.renewal.expired')
    : view.state === 'renewal-open' ? t(lang, 'cert.renewal.open', { date: formatDate(view.renewalOpens, lang) })
    : t(lang, 'cert.renewal.notYet', { date: formatDate(view.renewalOpens, lang) });
  return (
    <div class="validity">
      <p class="validity-head">
        <span class={`pill ${PILL_TONE[view.state]}`}>{t(lang, `cert.state.${view.state}`)}</span>
        <span class={`days ${PILL_TONE[view.state]}`}>{formatDaysLeft(view.daysLeft, lang)}</span>
      </p>
      <dl class="facts">
        <div>
          <dt>{t(lang, 'cert.validUntil')}</dt>
          <dd><strong>{formatDate(view.expiry, lang)}</strong></dd>
        </div>
      </dl>
      <Timeline view={view} lang={lang} />
      <p class="small renewal-line">{renewalLine}</p>
    </div>
  );
}
