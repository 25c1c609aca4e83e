/**
 * The headline: where the holder stands, in one line, with a tone mark. The title is
 * the popup's live region, so a screen reader hears each change (reading → ready)
 * once, and not again each time only the time of the check moves.
 */
import { t, type Lang } from '../../i18n/index';
import type { Summary } from '../../ui/summary';
import { formatTime } from '../../ui/format';
import { Text } from '../../ui/Text';
import { shortReaderName } from '../../ui/reader-name';

const MARK: Record<Summary['tone'], string> = { ok: '✓', warning: '!', error: '!', busy: '', quiet: 'i' };

export interface StatusBannerProps {
  readonly summary: Summary;
  readonly lang: Lang;
  readonly updating: boolean;
  readonly noAnswer: boolean;
  readonly checkedAt: string | undefined;
  /** Shown once the card is read, so the holder sees which reader answered. */
  readonly readerName?: string | undefined;
  /** The one thing to do (the most severe finding's short instruction), when there is one. */
  readonly todo?: string | undefined;
}

export function StatusBanner({ summary, lang, updating, noAnswer, checkedAt, readerName, todo }: StatusBannerProps) {
  // While reading, the time of the previous check would read as if it were this one.
  const time = checkedAt && summary.tone !== 'busy' ? t(lang, 'refresh.asOf', { time: formatTime(checkedAt, lang) }) : '';

  return (
    <section class={`banner ${summary.tone}`}>
      <span class={`banner-mark ${summary.tone}`} aria-hidden="true">
        {MARK[summary.tone]}
      </span>
      <div class="banner-body">
        <div aria-live="polite" aria-atomic="true">
          <h1 class="banner-title">{t(lang, summary.key)}</h1>
        </div>
        {todo && (
          <p class="banner-todo">
            <b>{t(lang, 'todo.label')}:</b> <Text>{todo}</Text>
          </p>
        )}
        <p class="banner-sub small">
          {updating && summary.tone !== 'busy' ? <span class="updating">{t(lang, 'refresh.updating')}</span> : time && <span>{time}</span>}
          {readerName && <span class="banner-reader" title={readerName}>{shortReaderName(readerName)}</span>}
        </p>
        <p class="small banner-note" role="status">{noAnswer ? t(lang, 'refresh.noAnswer') : ''}</p>
      </div>
    </section>
  );
}
