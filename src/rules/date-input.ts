/**
 * Dates as residents type them: full-width digits from a Japanese IME, 2020/3/1,
 * 2020.3.1 or 2020年3月1日 all mean 2020-03-01. Used by forms (the printed-expiry box)
 * and the status CLI; the result is a checked YYYY-MM-DD or an InvalidDateError.
 */
import { checkDate } from './calendar';

const LOOSE_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

export function normalizeDateInput(raw: string, field = 'date'): string {
  const s = typeof raw === 'string' ? raw.normalize('NFKC').trim() : String(raw);
  const m = LOOSE_DATE.exec(s);
  const date = m ? `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}` : s;
  return checkDate(date, field);
}
