/**
 * Status snapshots for every state the popup must draw, built with the real rules core
 * (assess) and the platform's real error texts, on a fixed day. Used by the preview
 * page and its screenshots; never part of the shipped bundle.
 */
import { assess, type CardFacts } from '../../rules/index';
import { errorText } from '../i18n/index';
import type { CertificateSnapshot, PinSnapshot, StatusSnapshot } from '../status-model';

export const PREVIEW_TODAY = '2026-11-27';

const READER = { name: 'SCR3310-NTTCom', vendorId: 0x04e6, productId: 0x511a, source: 'webusb-ccid' } as const;

function cert(issued: string, expiry: string): CertificateSnapshot {
  const notBefore = new Date(`${issued}T00:00:00+09:00`).toISOString();
  const notAfter = new Date(`${expiry}T23:59:59+09:00`).toISOString();
  return {
    serial: '0A1B2C3D',
    subject: 'CN=20240601A0000012345',
    issuer: 'OU=JPKI for user authentication, O=JPKI, C=JP',
    notBefore,
    notAfter,
    notBeforeDate: issued,
    notAfterDate: expiry,
  };
}

const pin = (remaining: number, max: number): PinSnapshot => ({ remaining, max, locked: remaining === 0 });

interface CardSpec {
  readonly issued: string;
  readonly expiry: string;
  readonly auth: number;
  readonly sign?: number;
  readonly signAbsent?: boolean;
  readonly printedExpiry?: string;
}

function readySnapshot(spec: CardSpec, virtual = false): StatusSnapshot {
  const authCert = cert(spec.issued, spec.expiry);
  const facts: CardFacts = {
    authCert: { notBefore: new Date(authCert.notBefore), notAfter: new Date(authCert.notAfter) },
    ...(spec.signAbsent ? { signCert: null } : {}),
    pins: { auth: spec.auth, ...(spec.sign !== undefined ? { sign: spec.sign } : {}) },
    ...(spec.printedExpiry ? { card: { expiry: spec.printedExpiry } } : {}),
  };
  return {
    virtual,
    phase: 'ready',
    reader: READER,
    card: {
      tokenLabel: 'JPKIAPICCTOKEN2',
      kind: 'card',
      authCert,
      signCertPresent: !spec.signAbsent,
      pins: { auth: pin(spec.auth, 3), ...(spec.sign !== undefined ? { sign: pin(spec.sign, 5) } : {}) },
    },
    findings: assess(facts, PREVIEW_TODAY),
    updatedAt: '2026-11-27T01:23:00Z',
    checkedAt: '2026-11-27T01:23:00Z',
  };
}

function phaseSnapshot(phase: StatusSnapshot['phase'], extra: Partial<StatusSnapshot> = {}): StatusSnapshot {
  return { virtual: false, phase, findings: [], updatedAt: '2026-11-27T01:23:00Z', ...extra };
}

function problem(code: string): StatusSnapshot['problem'] {
  const e = errorText(code);
  return { code: e.code, message: e.message, ...(e.action ? { action: e.action } : {}) };
}

export interface PreviewCase {
  readonly snapshot: StatusSnapshot | undefined;
  readonly printedExpiry?: string;
  readonly updating?: boolean;
  readonly noAnswer?: boolean;
  readonly expiryForm?: { readonly input: string };
}

const HEALTHY: CardSpec = { issued: '2024-06-01', expiry: '2029-03-14', auth: 3, sign: 5 };

export const PREVIEW_CASES: Readonly<Record<string, PreviewCase>> = {
  healthy: { snapshot: readySnapshot(HEALTHY) },
  'healthy-virtual': { snapshot: readySnapshot(HEALTHY, true) },
  renewal: { snapshot: readySnapshot({ issued: '2022-02-01', expiry: '2027-01-20', auth: 3, sign: 5 }) },
  expired: { snapshot: readySnapshot({ issued: '2021-10-10', expiry: '2026-10-31', auth: 3, sign: 5 }) },
  'pin-locked': { snapshot: readySnapshot({ ...HEALTHY, auth: 0, sign: 4 }) },
  'last-try': { snapshot: readySnapshot({ ...HEALTHY, auth: 3, sign: 1 }) },
  'under-15': { snapshot: readySnapshot({ ...HEALTHY, signAbsent: true }) },
  'card-expiry': {
    snapshot: readySnapshot({ ...HEALTHY, printedExpiry: '2027-02-10' }),
    printedExpiry: '2027-02-10',
  },
  'card-expiry-error': { snapshot: readySnapshot(HEALTHY), expiryForm: { input: '2027/02/30' } },
  'no-reader': { snapshot: phaseSnapshot('no-reader') },
  blocked: {
    snapshot: phaseSnapshot('reader-blocked', {
      reader: { name: 'ACS ACR39U', vendorId: 0x072f, productId: 0xb100, source: 'webusb-ccid' },
      problem: problem('reader-protected-interface'),
    }),
  },
  busy: { snapshot: phaseSnapshot('reader-busy', { reader: READER, problem: problem('reader-busy') }) },
  'no-card': { snapshot: phaseSnapshot('no-card', { reader: READER }) },
  reading: { snapshot: phaseSnapshot('reading', { reader: READER, step: 'certificate' }), updating: true },
  error: { snapshot: phaseSnapshot('error', { reader: READER, problem: problem('card-mute') }) },
  'stale-sw': { snapshot: readySnapshot(HEALTHY), noAnswer: true },
  'first-open': { snapshot: undefined, updating: true },
};
