/**
 * The headline: where the holder stands, in one line, with a tone mark. It is the
 * popup's live region, so a screen reader hears each change (reading → ready) once.
 */
import { t, type Lang } from '../../i18n/index';
import type { Summary } from '../../ui/summary';
import { formatTime } from '../../ui/format';

const MARK: Record<Summary['tone'], string> = { ok: '✓', warning: '!', error: '!', busy: '', quiet: 'i' };

export interface StatusBannerProps {
  readonly summary: Summary;
  readonly lang: Lang;
  readonly updating: boolean;
  readonly noAnswer: boolean;
  readonly checkedAt: string | undefined;
  /** Shown once the card is read, so the holder sees which reader answered. */
  readonly readerName?: string | undefined;
}

export function StatusBanner({ summary, lang, updating, noAnswer, checkedAt, readerName }: StatusBannerProps) {
  const time = checkedAt ? t(lang, 'refresh.asOf', { time: formatTime(checkedAt, lang) }) : '';
  const line = [readerName, time].filter(Boolean).join(' ・ ');
  return (
    <section class={`banner ${summary.tone}`} aria-live="polite" aria-atomic="true">
      <span class={`banner-mark ${summary.tone}`} aria-hidden="true">
        {MARK[summary.tone]}
      </span>
      <div class="banner-body">
        <h1 class="banner-title">{t(lang, summary.key)}</h1>
        <p class="banner-sub small">
          {updating && summary.tone !== 'busy' ? <span class="updating">{t(lang, 'refresh.updating')}</span> : line}
        </p>
        {noAnswer && <p class="small banner-note">{t(lang, 'refresh.noAnswer')}</p>}
      </div>
    </section>
  );
}
