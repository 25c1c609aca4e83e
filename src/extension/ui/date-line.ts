/**
 * The one line under a validity at a glance: until when, and the next date that matters
 * (renewal opens, renewal is open now, or — for a certificate — reissued free when expired).
 */
import { t, type Lang } from '../i18n/index';
import { formatDate } from './format';
import type { ValidityView } from './validity-view';

export function dateLine(view: ValidityView, lang: Lang, whenExpired?: string): string {
  const until = t(lang, 'glance.until', { date: formatDate(view.expiry, lang) });
  const next =
    view.state === 'expired' ? whenExpired
    : view.state === 'renewal-open' ? t(lang, 'glance.renewalNow')
    : t(lang, 'glance.renewalFrom', { date: formatDate(view.renewalOpens, lang) });
  if (next === undefined) return until;
  return lang === 'ja' ? `${until}・${next}` : `${until}; ${next}`;
}
