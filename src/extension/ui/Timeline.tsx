/**
 * A validity drawn as a line: issued → today → renewal opens → expiry. The green part
 * is time already used, the amber end is the renewal window, the dark tick is today.
 * Screen readers get the same facts as one sentence.
 */
import { formatDate, formatShortDate } from './format';
import { t, type Lang } from '../i18n/index';
import type { ValidityView } from './validity-view';

const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;

export function Timeline({ view, lang }: { view: ValidityView; lang: Lang }) {
  const g = view.geometry;
  if (!g || !view.issued) return null;
  const label = t(lang, 'timeline.aria', {
    issued: formatDate(view.issued, lang),
    renewal: formatDate(view.renewalOpens, lang),
    expiry: formatDate(view.expiry, lang),
    today: formatDate(view.today, lang),
  });
  return (
    <div class="timeline" role="img" aria-label={label}>
      <div class={`tl-bar ${g.state === 'expired' ? 'expired' : ''}`}>
        <span class="tl-window" style={{ left: pct(g.renewalAt) }} />
        <span class="tl-elapsed" style={{ width: pct(Math.min(g.todayAt, g.renewalAt)) }} />
        <span class="tl-today" style={{ left: pct(g.todayAt) }} />
        <span class={`tl-today-label ${g.todayAlign}`} style={{ left: pct(g.todayAt) }}>
          {t(lang, 'timeline.today')}
        </span>
      </div>
      <div class="tl-ends" aria-hidden="true">
        <span>{t(lang, 'cert.issued')} {formatShortDate(view.issued, lang)}</span>
        <span>{t(lang, 'timeline.expiry')} {formatShortDate(view.expiry, lang)}</span>
      </div>
    </div>
  );
}
