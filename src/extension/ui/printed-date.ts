/**
 * Reads the expiry date a holder copies from the face of their card. People type it
 * the way it is printed ("2034年 3月 5日まで有効"), with slashes, or with full-width
 * digits from a Japanese IME, so the text is normalised (NFKC) before it is read.
 */

export type PrintedDateResult =
  | { readonly ok: true; readonly date: string }
  | { readonly ok: false; readonly reason: 'empty' | 'format' | 'no-such-day' | 'out-of-range' };

/** Cards were first issued in January 2016 (マイナンバー制度 started then). */
const FIRST_CARD_YEAR = 2016;
/** An adult card renewed in its window runs to the 11th birthday (rules.md C7). */
const MAX_YEARS_AHEAD = 11;
/** 令和 1 = 2019. */
const REIWA_OFFSET = 2018;

const WESTERN = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const REIWA = /^(?:令和|R)(\d{1,2}|元)[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/i;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function fields(text: string): [number, number, number] | null {
  const western = WESTERN.exec(text) ?? COMPACT.exec(text);
  if (western) return [Number(western[1]), Number(western[2]), Number(western[3])];
  const reiwa = REIWA.exec(text);
  if (reiwa) {
    const year = reiwa[1] === '元' ? 1 : Number(reiwa[1]);
    return [REIWA_OFFSET + year, Number(reiwa[2]), Number(reiwa[3])];
  }
  return null;
}

/**
 * `today` (YYYY-MM-DD, JST) bounds the plausible range; the function never reads a
 * clock (STYLE §15).
 */
export function parsePrintedDate(input: string, today: string): PrintedDateResult {
  const text = input
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/まで有効$/, '')
    .replace(/^有効期限/, '');
  if (text === '') return { ok: false, reason: 'empty' };
  const f = fields(text);
  if (!f) return { ok: false, reason: 'format' };
  const [year, month, day] = f;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: 'no-such-day' };
  }
  const thisYear = Number(today.slice(0, 4));
  if (year < FIRST_CARD_YEAR || year > thisYear + MAX_YEARS_AHEAD) return { ok: false, reason: 'out-of-range' };
  return { ok: true, date: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` };
}
