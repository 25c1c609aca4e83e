/**
 * The rules core's public contract, word for word from issue 2 §2: names, parameter and
 * result shapes, and the finding codes. Other layers and sites' tests rely on these, so a
 * rename or a changed shape must fail here (at `npm test`'s type check and at run time),
 * not somewhere downstream.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as rules from '../../src/rules/index';
import type { CardFacts, Finding, FindingCode } from '../../src/rules/index';

type Text = { ja: string; en: string };
type ContractCardExpiry = { date: string; rule: 'adult-10' | 'minor-5' | 'stay'; estimated: boolean };
type ContractPinCheck =
  | { ok: true; pin: string; warning?: string }
  | { ok: false; reason: 'empty' | 'length' | 'charset'; message: Text };
interface ContractCardFacts {
  birthDate?: string;
  card?: { issueDate?: string; expiry?: string; applicationDate?: string; stayExpiry?: string };
  authCert?: { notBefore: Date; notAfter: Date } | null;
  signCert?: { notBefore: Date; notAfter: Date } | null;
  pins?: { auth?: number; sign?: number; assist?: number };
}
type ContractCode =
  | 'card-expired' | 'card-renewal-open'
  | 'auth-cert-expired' | 'auth-cert-not-yet-valid' | 'auth-cert-renewal-open'
  | 'sign-cert-expired' | 'sign-cert-not-yet-valid' | 'sign-cert-renewal-open' | 'sign-cert-absent'
  | 'auth-pin-locked' | 'auth-pin-last-try' | 'auth-pin-tries-reduced'
  | 'sign-pin-locked' | 'sign-pin-last-try' | 'sign-pin-tries-reduced'
  | 'assist-pin-locked' | 'assist-pin-last-try' | 'assist-pin-tries-reduced';
type ContractFinding = {
  code: ContractCode;
  severity: 'error' | 'warning' | 'info';
  subject: string;
  text: Text;
  action?: Text;
  date?: string;
};

describe('the rules core keeps the names and shapes issue 2 fixes', () => {
  it('exports each function under its contract name and signature', () => {
    expectTypeOf(rules.toJstDate).toExtend<(instant: Date) => string>();
    expectTypeOf<Parameters<typeof rules.toJstDate>>().toEqualTypeOf<[instant: Date]>();
    expectTypeOf(rules.nthBirthdayAfter).toExtend<(birthDate: string, after: string, n: number) => string>();
    expectTypeOf(rules.cardExpiry).toExtend<
      (input: { birthDate: string; issueDate: string; applicationDate?: string; stayExpiry?: string }) => ContractCardExpiry
    >();
    expectTypeOf<ReturnType<typeof rules.cardExpiry>>().toEqualTypeOf<ContractCardExpiry>();
    expectTypeOf(rules.certificateExpiry).toExtend<
      (input: { birthDate: string; issueDate: string; cardExpiry?: string; authExpiry?: string; renewedInWindow?: boolean }) => string
    >();
    expectTypeOf(rules.renewalOpens).toExtend<(expiry: string) => string>();
    expectTypeOf(rules.checkPin).toExtend<(kind: 'auth' | 'sign' | 'assist', input: string) => ContractPinCheck>();
    expectTypeOf<ContractPinCheck>().toExtend<ReturnType<typeof rules.checkPin>>();
    expectTypeOf(rules.assess).toExtend<(facts: ContractCardFacts, today: string) => ContractFinding[]>();
    expectTypeOf<CardFacts>().toEqualTypeOf<ContractCardFacts>();
    expectTypeOf<Finding>().toExtend<ContractFinding>();
    expectTypeOf<FindingCode>().toEqualTypeOf<ContractCode>();
    for (const name of ['toJstDate', 'nthBirthdayAfter', 'cardExpiry', 'certificateExpiry', 'renewalOpens', 'checkPin', 'assess'] as const) {
      expect(typeof rules[name], name).toBe('function');
    }
  });

  it('has PIN_POLICIES for auth, sign and assist with their lengths and tries', () => {
    expect(Object.keys(rules.PIN_POLICIES).sort()).toEqual(['assist', 'auth', 'sign']);
    expectTypeOf(rules.PIN_POLICIES.sign.maxTries).toEqualTypeOf<number>();
  });

  it('fills every field of a finding the contract names, with the issue\'s examples', () => {
    expect(rules.toJstDate(new Date('2030-02-17T14:59:59Z'))).toBe('2030-02-17');
    expect(rules.toJstDate(new Date('2030-02-17T15:00:00Z'))).toBe('2030-02-18');
    expect(rules.renewalOpens('2025-06-15')).toBe('2025-03-16');
    expect(rules.renewalOpens('2025-05-31')).toBe('2025-03-01');
    const [f] = rules.assess({ card: { expiry: '2030-05-10' } }, '2030-03-01');
    expect(Object.keys(f ?? {}).sort()).toEqual(['action', 'code', 'date', 'severity', 'subject', 'text']);
    expect(Object.keys(f?.text ?? {}).sort()).toEqual(['en', 'ja']);
  });
});
