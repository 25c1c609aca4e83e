/**
 * When the card (個人番号カード) itself expires, from facts/rules.md §1.
 * Prefer the date printed on the card face whenever it is known (design consequence 1);
 * this computes an estimate when it is not.
 */
import { addMonthsClamped, checkDate, minDate } from './calendar';
import { ageOn, isLeapDayBirth, nthBirthdayAfter, type LeapBirthday } from './birthdays';
import { InvalidRuleInputError } from './errors';

/** C3: applications J-LIS received before this date use the age line 20, from it 18. */
export const AGE_LINE_CHANGE = '2022-04-01';
const ADULT_AGE_BEFORE = 20;
const ADULT_AGE_FROM = 18;
/**
 * UNCONFIRMED: how long a card can take from J-LIS receiving the application to its
 * issue. R4 says about one month; rush periods in 2022 took longer, so three months is
 * used. A card issued within this long after AGE_LINE_CHANGE, with the application date
 * unknown, may have been applied for under either age line.
 */
const APPLICATION_TO_ISSUE_MONTHS = 3;

export interface CardExpiryInput {
  birthDate: string;
  /** The day J-LIS made the card, not the hand-over day (C5). */
  issueDate: string;
  /** The day J-LIS received the application (申請受付日), when known (C3). */
  applicationDate?: string;
  /** 在留期間満了日 for foreign residents with a period of stay (C8). */
  stayExpiry?: string;
  /** The card replaced one inside its renewal window (C7, confidence L–M: always estimated). */
  renewedInWindow?: boolean;
}

export interface CardExpiry {
  date: string;
  rule: 'adult-10' | 'minor-5' | 'stay';
  /** True when a rule the sources leave open decided the date: say "computed, check the card". */
  estimated: boolean;
}

/** The choices the sources leave open; the first value of each is what the code decides. */
interface OpenChoices {
  readonly leap: LeapBirthday;
  /** C4: the age line is judged on the issue date (ordinance wording) or on the receipt date. */
  readonly judgeOn: 'issue' | 'application';
  /** Age line 20 or 18 when the receipt date is unknown but could lie on either side of C3. */
  readonly unknownApplication: 'before-line' | 'after-line';
  /** Cap the term at n years (termEnd); off for the plain 1 March reading of F1. */
  readonly cap: boolean;
}

/** What the code decides for each open choice. */
const DECIDED: OpenChoices = { leap: 'feb28', judgeOn: 'issue', unknownApplication: 'before-line', cap: true };

export function cardExpiry(input: CardExpiryInput): CardExpiry {
  validate(input);
  const decided = expiryUnder(input, DECIDED);
  const alternatives: OpenChoices[] = [];
  // F1, UNCONFIRMED: a 29 February birthday is 28 February in non-leap years (issue 2,
  // F2). The 1 March reading is computed only to mark the result estimated. Note: for a
  // card issued on 28 February of a non-leap year the 28 February reading is the LATER
  // one (issued on the birthday → a full term, C6), against F2's "never late"; the code
  // keeps 28 February so the expiry falls on a birthday or 28 February as the issue
  // requires, and termEnd stops it at the full term (never a day past 10/5 years).
  if (isLeapDayBirth(input.birthDate)) alternatives.push({ ...DECIDED, leap: 'mar1', cap: false });
  // C4, SOURCES DISAGREE (issue date vs receipt date): the code judges age on the issue
  // date, as the pages quoting the ordinance say (発行の日において) and issue 2 specifies.
  if (input.applicationDate !== undefined) alternatives.push({ ...DECIDED, judgeOn: 'application' });
  else if (applicationMayPrecedeLine(input.issueDate)) alternatives.push({ ...DECIDED, unknownApplication: 'after-line' });
  const estimated =
    input.renewedInWindow === true || alternatives.some((choice) => expiryUnder(input, choice).date !== decided.date);
  return { ...decided, estimated };
}

function validate(input: CardExpiryInput): void {
  const { birthDate, issueDate, applicationDate, stayExpiry } = input;
  checkDate(birthDate, 'birthDate');
  checkDate(issueDate, 'issueDate');
  if (issueDate < birthDate) throw new InvalidRuleInputError('the card was issued before the birth date', { birthDate, issueDate });
  if (applicationDate !== undefined) {
    checkDate(applicationDate, 'applicationDate');
    if (applicationDate > issueDate || applicationDate < birthDate) {
      throw new InvalidRuleInputError('the application date must lie between birth and issue', { applicationDate, issueDate });
    }
  }
  if (stayExpiry !== undefined) {
    checkDate(stayExpiry, 'stayExpiry');
    if (stayExpiry < issueDate) throw new InvalidRuleInputError('the stay expiry is before the issue date', { stayExpiry, issueDate });
  }
}

/** The card was issued so soon after the age-line change that the receipt date could precede it. */
function applicationMayPrecedeLine(issueDate: string): boolean {
  return issueDate >= AGE_LINE_CHANGE && issueDate < addMonthsClamped(AGE_LINE_CHANGE, APPLICATION_TO_ISSUE_MONTHS);
}

function receivedBeforeLine(input: CardExpiryInput, choice: OpenChoices): boolean {
  if (input.applicationDate !== undefined) return input.applicationDate < AGE_LINE_CHANGE;
  if (input.issueDate < AGE_LINE_CHANGE) return true;
  // UNCONFIRMED receipt date: 'before-line' gives the 5-year term to an 18–19-year-old,
  // the earlier date, which warns early and is never late (F2's principle).
  return applicationMayPrecedeLine(input.issueDate) && choice.unknownApplication === 'before-line';
}

function expiryUnder(input: CardExpiryInput, choice: OpenChoices): Omit<CardExpiry, 'estimated'> {
  const adultAge = receivedBeforeLine(input, choice) ? ADULT_AGE_BEFORE : ADULT_AGE_FROM;
  const judgeDate = choice.judgeOn === 'application' && input.applicationDate !== undefined ? input.applicationDate : input.issueDate;
  const adult = ageOn(input.birthDate, judgeDate, choice.leap) >= adultAge;
  // C1/C2 count birthdays strictly after the issue date (C6). C7 (UNCONFIRMED, L–M: one
  // third-party summary of 命令26条) adds one when renewed early; only on request, always estimated.
  const n = (adult ? 10 : 5) + (input.renewedInWindow === true ? 1 : 0);
  const byBirthday = choice.cap
    ? termEnd(input.birthDate, input.issueDate, n, choice.leap)
    : nthBirthdayAfter(input.birthDate, input.issueDate, n, choice.leap);
  // C8: the stay expiry ends the card when it comes first; it never extends the term.
  if (input.stayExpiry !== undefined && input.stayExpiry < byBirthday) return { date: input.stayExpiry, rule: 'stay' };
  return { date: byBirthday, rule: adult ? 'adult-10' : 'minor-5' };
}

/**
 * The n-th birthday after issue, never more than n years after the issue date (the
 * pamphlet: 10年／5年). The cap bites only for a 29 February birth issued on 28 February
 * of a non-leap year whose n-th birthday falls in a leap year: 28 Feb counted as the
 * birthday, the n-th is 29 Feb, a day past n years; the card then ends on 28 Feb.
 * UNCONFIRMED (F1), and such a result is always marked estimated.
 */
export function termEnd(birthDate: string, issueDate: string, n: number, leap: LeapBirthday = 'feb28'): string {
  return minDate(nthBirthdayAfter(birthDate, issueDate, n, leap), addMonthsClamped(issueDate, 12 * n));
}
