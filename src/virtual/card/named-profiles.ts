/**
 * Named card profiles for the extension's virtual build (issue 5) and for tests: each
 * is a VirtualCardProfile computed from "today", so the situation it names holds on
 * whatever day it runs (the clock is the caller's, STYLE §15).
 */
import { addMonthsClamped } from '../../rules/index';
import { addDays } from '../../rules/index';
import { VirtualCardProfileError } from './errors';
import { DEFAULT_HOLDER, resolveProfile, type VirtualCardProfile } from './profile';

export const CARD_PROFILE_NAMES = Object.freeze([
  'healthy',
  'auth-renewal-window',
  'auth-expired',
  'under-15',
  'sign-last-try',
  'auth-locked',
] as const);

export type CardProfileName = (typeof CARD_PROFILE_NAMES)[number];

/** The renewal window opens once less than 3 months remain (rules R1); 60 days is inside it. */
const DAYS_TO_EXPIRY_IN_WINDOW = 60;
const DAYS_SINCE_EXPIRY = 30;
const MONTHS_PER_YEAR = 12;
/** A certificate runs to the 5th birthday after issue (rules E1). */
const CERT_TERM_YEARS = 5;

/** Issued a year ago to the default adult: nothing near expiry for four more years. */
function healthy(today: string): VirtualCardProfile {
  return { issueDate: addMonthsClamped(today, -MONTHS_PER_YEAR) };
}

/**
 * A holder whose 5th birthday after the issue date falls on `expiry`: born in 1980 (a
 * leap year, so any day exists) on expiry's month and day, certificates issued the day
 * after that birthday five years earlier.
 */
function expiringOn(expiry: string): VirtualCardProfile {
  return {
    holder: { ...DEFAULT_HOLDER, birthDate: `1980${expiry.slice(4)}` },
    issueDate: addDays(addMonthsClamped(expiry, -CERT_TERM_YEARS * MONTHS_PER_YEAR), 1),
  };
}

function underFifteen(today: string): VirtualCardProfile {
  return {
    holder: { ...DEFAULT_HOLDER, name: '試験　花子', sex: 'female', birthDate: addMonthsClamped(today, -10 * MONTHS_PER_YEAR) },
    issueDate: addMonthsClamped(today, -MONTHS_PER_YEAR),
    signCertificate: false,
    keySet: 1,
  };
}

const BUILDERS: Readonly<Record<CardProfileName, (today: string) => VirtualCardProfile>> = Object.freeze({
  healthy,
  'auth-renewal-window': (today) => ({ ...expiringOn(addDays(today, DAYS_TO_EXPIRY_IN_WINDOW)), keySet: 1 }),
  'auth-expired': (today) => ({ ...expiringOn(addDays(today, -DAYS_SINCE_EXPIRY)), keySet: 2 }),
  'under-15': underFifteen,
  'sign-last-try': (today) => ({ ...healthy(today), tries: { sign: 1 } }),
  'auth-locked': (today) => ({ ...healthy(today), tries: { auth: 0 } }),
});

export function isCardProfileName(name: string): name is CardProfileName {
  return (CARD_PROFILE_NAMES as readonly string[]).includes(name);
}

/** The profile called `name` as of `today` (YYYY-MM-DD, JST). Unknown names throw VirtualCardProfileError. */
export function namedCardProfile(name: string, today: string): VirtualCardProfile {
  if (!isCardProfileName(name)) {
    throw new VirtualCardProfileError(`unknown card profile "${name}"; one of ${CARD_PROFILE_NAMES.join(', ')}`, { name });
  }
  let profile: VirtualCardProfile;
  try {
    profile = BUILDERS[name](today);
  } catch (e) {
    throw new VirtualCardProfileError('today must be a real date written YYYY-MM-DD', { today: String(today) }, { cause: e });
  }
  resolveProfile(profile); // fails here, not later inside createVirtualCard
  return profile;
}
