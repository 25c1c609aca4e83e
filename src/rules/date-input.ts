/**
 * Dates as residents type them: full-width digits from a Japanese IME, 2020/3/1,
 * 2020.3.1, 2020年3月1日, the compact 20200301, and 和暦 as printed on cards and forms
 * (令和2年3月1日, R2.3.1, 平成2年…, 昭和60年…, 元年) all mean a checked YYYY-MM-DD.
 * One reader for the popup's printed-expiry box and the status CLI, so both accept the
 * same forms (issue 13 §4). Anything else is an InvalidDateError.
 */
import { checkDate } from './calendar';

const LOOSE_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
/** Era name or its initial, then the year (元 = 1), then month and day. */
const WAREKI = /^(令和|平成|昭和|[RHS])\s*(\d{1,2}|元)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/i;
/** Year 1 of each era, minus one (令和1 = 2019, 平成1 = 1989, 昭和1 = 1926). */
const ERA_OFFSET: Readonly<Record<string, number>> = { 令和: 2018, R: 2018, 平成: 1988, H: 1988, 昭和: 1925, S: 1925 };

function western(s: string): string {
  const compact = COMPACT.exec(s);
  if (compact) return `${compact[1]}-${compact[2]}-${compact[3]}`;
  const w = WAREKI.exec(s);
  if (w) {
    const year = (ERA_OFFSET[(w[1] ?? '').toUpperCase()] ?? ERA_OFFSET[w[1] ?? ''] ?? 0) + (w[2] === '元' ? 1 : Number(w[2]));
    return `${year}-${(w[3] ?? '').padStart(2, '0')}-${(w[4] ?? '').padStart(2, '0')}`;
  }
  const m = LOOSE_DATE.exec(s);
  return m ? `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}` : s;
}

export function normalizeDateInput(raw: string, field = 'date'): string {
  const s = typeof raw === 'string' ? raw.normalize('NFKC').trim() : String(raw);
  return checkDate(western(s), field);
}
