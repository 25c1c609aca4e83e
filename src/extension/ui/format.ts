/**
 * How dates, day counts and times read in each language. Dates are the rules core's
 * JST calendar dates (YYYY-MM-DD), taken apart as text so no time zone can shift them.
 */
import type { Lang } from '../i18n/index';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function parts(date: string): DateParts | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** "2030年2月17日" / "17 Feb 2030"; anything that is not YYYY-MM-DD is shown as given. */
export function formatDate(date: string, lang: Lang): string {
  const p = parts(date);
  if (!p) return date;
  if (lang === 'ja') return `${p.year}年${p.month}月${p.day}日`;
  return `${p.day} ${MONTHS_EN[p.month - 1] ?? '?'} ${p.year}`;
}

/** The compact form used under the timeline: "2030/2/17" / "17 Feb 2030". */
export function formatShortDate(date: string, lang: Lang): string {
  const p = parts(date);
  if (!p) return date;
  if (lang === 'ja') return `${p.year}/${p.month}/${p.day}`;
  return formatDate(date, lang);
}

export function formatCount(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'ja' ? 'ja-JP' : 'en-GB').format(n);
}

/**
 * Days until a validity ends, counted so that the expiry day itself is still valid
 * (rules.md "valid through the expiry date"): 0 means "through today".
 */
export function formatDaysLeft(daysLeft: number, lang: Lang): string {
  const n = formatCount(Math.abs(daysLeft), lang);
  if (daysLeft > 0) return lang === 'ja' ? `あと${n}日` : `${n} ${Math.abs(daysLeft) === 1 ? 'day' : 'days'} left`;
  if (daysLeft === 0) return lang === 'ja' ? '今日まで有効' : 'Valid through today';
  return lang === 'ja' ? `${n}日前に期限切れ` : `Expired ${n} ${Math.abs(daysLeft) === 1 ? 'day' : 'days'} ago`;
}

/** The hour and minute of an ISO instant, in Japan time like every other date shown. */
export function formatTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'Asia/Tokyo',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
}
