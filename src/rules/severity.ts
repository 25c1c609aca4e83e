/**
 * Ordering of findings: the popup lists them most severe first and the toolbar badge
 * shows the worst one.
 */
import type { Finding, FindingCode, Severity } from './types';

/** Most severe first. */
export const SEVERITY_ORDER: readonly Severity[] = Object.freeze(['error', 'warning', 'info'] as const);

/**
 * Tie-break inside one severity: the card before its certificates, certificates before
 * PINs, in the order the issue lists the codes.
 */
const CODE_ORDER = [
  'card-expired',
  'card-renewal-open',
  'auth-cert-expired',
  'auth-cert-not-yet-valid',
  'auth-cert-renewal-open',
  'sign-cert-expired',
  'sign-cert-not-yet-valid',
  'sign-cert-renewal-open',
  'sign-cert-absent',
  'auth-pin-locked',
  'auth-pin-last-try',
  'auth-pin-tries-reduced',
  'sign-pin-locked',
  'sign-pin-last-try',
  'sign-pin-tries-reduced',
  'assist-pin-locked',
  'assist-pin-last-try',
  'assist-pin-tries-reduced',
] as const satisfies readonly FindingCode[];

// Compile-time check: a new FindingCode must be given a place in the order.
type Unordered = Exclude<FindingCode, (typeof CODE_ORDER)[number]>;
const everyCodeOrdered: [Unordered] extends [never] ? true : never = true;
void everyCodeOrdered;

export const FINDING_CODE_ORDER: readonly FindingCode[] = Object.freeze([...CODE_ORDER]);

/** Negative when `a` is more severe than `b`. */
export function compareFindings(a: Finding, b: Finding): number {
  const bySeverity = SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity);
  return bySeverity !== 0 ? bySeverity : FINDING_CODE_ORDER.indexOf(a.code) - FINDING_CODE_ORDER.indexOf(b.code);
}

/** A new array, most severe first. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

/** The most severe finding, or undefined when there is none (the badge is then blank). */
export function worstFinding(findings: readonly Finding[]): Finding | undefined {
  return findings.reduce<Finding | undefined>((worst, f) => (worst === undefined || compareFindings(f, worst) < 0 ? f : worst), undefined);
}
