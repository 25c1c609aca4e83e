/**
 * The one thing to do, drawn in the popup's banner: the most severe finding's short
 * instruction from the UI catalogue. The notices keep the rules core's full wording;
 * the banner has room for one short sentence, which must be visible without scrolling.
 */
import { worstFinding, type Finding, type FindingCode } from '../../rules/index';
import { t, type Lang, type UiKey } from '../i18n/index';
import { formatDate } from './format';

/** A Record, so a new finding code without a banner line does not compile. */
export const TODO_KEY: Readonly<Record<FindingCode, UiKey>> = {
  'card-expired': 'todo.card-expired',
  'card-renewal-open': 'todo.card-renewal-open',
  'auth-cert-expired': 'todo.auth-cert-expired',
  'auth-cert-not-yet-valid': 'todo.auth-cert-not-yet-valid',
  'auth-cert-renewal-open': 'todo.auth-cert-renewal-open',
  'sign-cert-expired': 'todo.sign-cert-expired',
  'sign-cert-not-yet-valid': 'todo.sign-cert-not-yet-valid',
  'sign-cert-renewal-open': 'todo.sign-cert-renewal-open',
  'sign-cert-absent': 'todo.sign-cert-absent',
  'auth-pin-locked': 'todo.auth-pin-locked',
  'auth-pin-last-try': 'todo.auth-pin-last-try',
  'auth-pin-tries-reduced': 'todo.auth-pin-tries-reduced',
  'sign-pin-locked': 'todo.sign-pin-locked',
  'sign-pin-last-try': 'todo.sign-pin-last-try',
  'sign-pin-tries-reduced': 'todo.sign-pin-tries-reduced',
  'assist-pin-locked': 'todo.assist-pin-locked',
  'assist-pin-last-try': 'todo.assist-pin-last-try',
  'assist-pin-tries-reduced': 'todo.assist-pin-tries-reduced',
};

/** The banner's instruction for these findings, or undefined when there is nothing to do. */
export function todoFor(findings: readonly Finding[], lang: Lang): string | undefined {
  const worst = worstFinding(findings);
  if (!worst) return undefined;
  const key = TODO_KEY[worst.code];
  return t(lang, key, worst.date ? { date: formatDate(worst.date, lang) } : {});
}
