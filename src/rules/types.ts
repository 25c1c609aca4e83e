/** Shapes of the rules core's contract (issue 2). Dates are JST calendar dates, YYYY-MM-DD. */
export type LocalText = { readonly ja: string; readonly en: string };

export interface CardFacts {
  birthDate?: string;
  card?: { issueDate?: string; expiry?: string; applicationDate?: string; stayExpiry?: string };
  /** null: the card has none. undefined: not known. */
  authCert?: { notBefore: Date; notAfter: Date } | null;
  signCert?: { notBefore: Date; notAfter: Date } | null;
  /** Remaining tries. */
  pins?: { auth?: number; sign?: number; assist?: number };
}

export type FindingCode =
  | 'card-expired'
  | 'card-renewal-open'
  | 'auth-cert-expired'
  | 'auth-cert-not-yet-valid'
  | 'auth-cert-renewal-open'
  | 'sign-cert-expired'
  | 'sign-cert-not-yet-valid'
  | 'sign-cert-renewal-open'
  | 'sign-cert-absent'
  | 'auth-pin-locked'
  | 'auth-pin-last-try'
  | 'auth-pin-tries-reduced'
  | 'sign-pin-locked'
  | 'sign-pin-last-try'
  | 'sign-pin-tries-reduced'
  | 'assist-pin-locked'
  | 'assist-pin-last-try'
  | 'assist-pin-tries-reduced';

export type Severity = 'error' | 'warning' | 'info';

export type FindingSubject = 'card' | 'auth-cert' | 'sign-cert' | 'auth-pin' | 'sign-pin' | 'assist-pin';

export interface Finding {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly subject: FindingSubject;
  readonly text: LocalText;
  readonly action?: LocalText;
  /** The date the finding is about (expiry, window opening), YYYY-MM-DD. */
  readonly date?: string;
}

export type PinKind = 'auth' | 'sign' | 'assist';
