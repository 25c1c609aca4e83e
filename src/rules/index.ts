// Public entry of the rules core (issue 2 §2). Pure: no clock, no browser or Node APIs;
// the caller passes "today" as a JST calendar date, YYYY-MM-DD.
export type { CardFacts, Finding, FindingCode, FindingSubject, LocalText, PinKind, Severity } from './types';
export { BridgeError } from '../error';
export { InvalidDateError, InvalidRuleInputError, RULES_ERRORS, type RulesErrorCode } from './errors';
export { toJstDate, daysBetween, addDays, addMonthsClamped, endOfMonthAfter, checkDate, isCalendarDate, isLeapYear } from './calendar';
export { normalizeDateInput } from './date-input';
export { nthBirthdayAfter, ageOn } from './birthdays';
export { cardExpiry, AGE_LINE_CHANGE, type CardExpiry, type CardExpiryInput } from './card-expiry';
export { certificateExpiry, type CertificateExpiryInput } from './certificate-expiry';
export { renewalOpens } from './renewal';
export { certificateTimeline, type CertificateTimeline } from './timeline';
export { PIN_POLICIES, checkPin, type PinCheck, type PinPolicy } from './pins';
export { assess } from './assess';
export { LOST_CARD_ADVICE } from './texts';
export { SEVERITY_ORDER, FINDING_CODE_ORDER, compareFindings, sortFindings, worstFinding } from './severity';
