/**
 * Reads the expiry date a holder copies from the face of their card. People type it
 * the way it is printed ("2034年 3月 5日まで有効"), with slashes, or with full-width
 * digits from a Japanese IME, so the text is normalised (NFKC) before it is read.
 */
import { InvalidDateError, normalizeDateInput } from '../../rules/index';

export type PrintedDateResult =
  | { readonly ok: true; readonly date: string }
  | { readonly ok: false; readonly reason: 'empty' | 'format' | 'no-such-day' | 'out-of-range' };

/** Cards were first issued in January 2016 (マイナンバー制度 started then). */
const FIRST_CARD_YEAR = 2016;
/** An adult card renewed in its window runs to the 11th birthday (rules.md C7). */
const MAX_YEARS_AHEAD = 11;
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
  let date: string;
  try {
    // The rules core reads every form (full-width, slashes, 年月日, YYYYMMDD, 令和) and checks the day exists.
    date = normalizeDateInput(text, 'printed expiry');
  } catch (e) {
    if (!(e instanceof InvalidDateError)) throw e;
    return { ok: false, reason: e.details['reason'] === 'no-such-day' ? 'no-such-day' : 'format' };
  }
  const year = Number(date.slice(0, 4));
  const thisYear = Number(today.slice(0, 4));
  if (year < FIRST_CARD_YEAR || year > thisYear + MAX_YEARS_AHEAD) return { ok: false, reason: 'out-of-range' };
  return { ok: true, date };
}
