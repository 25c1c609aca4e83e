/**
 * What the popup says at a glance (issue 13 §1–§2): the banner's one thing to do for
 * every finding, what is likely about the signing certificate, the reader's short name,
 * and the pieces of text that must never break across lines.
 */
import { describe, expect, it } from 'vitest';
import { assess, FINDING_CODE_ORDER, type Finding } from '../../src/rules/index';
import { UI_TEXT } from '../../src/extension/i18n/index';
import { TODO_KEY, todoFor } from '../../src/extension/ui/todo';
import { signLikely } from '../../src/extension/ui/sign-likely';
import { certificateView } from '../../src/extension/ui/validity-view';
import { shortReaderName } from '../../src/extension/ui/reader-name';
import { noBreakPieces } from '../../src/extension/ui/no-break';
import type { CertificateSnapshot } from '../../src/extension/status-model';

const TODAY = '2026-11-27';
const at = (date: string, end = false): Date => new Date(`${date}T${end ? '23:59:59' : '00:00:00'}+09:00`);
const cert = (issued: string, expiry: string): CertificateSnapshot => ({
  serial: '01', subject: 'CN=x', issuer: 'CN=y', notBefore: at(issued).toISOString(), notAfter: at(expiry, true).toISOString(), notBeforeDate: issued, notAfterDate: expiry,
});

describe('the banner’s one thing to do', () => {
  it('has a short instruction in both languages for every finding code', () => {
    for (const code of FINDING_CODE_ORDER) expect(UI_TEXT[TODO_KEY[code]], code).toBeDefined();
  });

  it.each([
    ['renewal open', { authCert: { notBefore: at('2022-02-01'), notAfter: at('2027-01-20', true) } }, '更新期間中です。2027年1月20日までに', 'Renewal is open now'],
    ['a locked PIN above a renewal', { authCert: { notBefore: at('2022-02-01'), notAfter: at('2027-01-20', true) }, pins: { auth: 0 } }, '顔写真付きの本人確認書類', 'photo ID'],
    ['the last try of the signing password', { pins: { sign: 1 } }, '署名用パスワードは残り1回', 'one try left'],
    ['no signing certificate, age unknown: what to do at 15', { signCert: null }, '15歳からは窓口で申請できます', 'from 15 you can apply'],
  ] as const)('%s', (_name, facts, ja, en) => {
    const findings = assess(facts, TODAY);
    expect(todoFor(findings, 'ja')).toContain(ja);
    expect(todoFor(findings, 'en')).toContain(en);
  });

  it('says nothing when there is nothing to do', () => {
    expect(todoFor([] as Finding[], 'ja')).toBeUndefined();
  });

  it('agrees with the notice for a card without a signing certificate: both name the under-15 rule', () => {
    const [absent] = assess({ signCert: null }, TODAY);
    expect(absent?.action?.ja).toContain('15歳未満');
    expect(absent?.action?.en).toContain('under 15');
  });
});

describe('what is likely about the signing certificate (its dates need the password)', () => {
  it.each([
    ['valid', cert('2024-06-01', '2029-03-14')],
    ['renewal', cert('2022-02-01', '2027-01-20')],
    ['expired', cert('2021-10-10', '2026-10-31')],
  ] as const)('%s when the authentication certificate is', (want, c) => {
    expect(signLikely(certificateView(c, TODAY))).toBe(want);
  });
  it('is unknown without an authentication certificate', () => expect(signLikely(null)).toBe('unknown'));
});

describe('the reader’s name in the banner', () => {
  it.each([
    ['NTT Communications Corp. SCR3310-NTTCom USB SmartCard Reader', 'SCR3310-NTTCom'],
    ['SCR3310-NTTCom', 'SCR3310-NTTCom'],
    ['ACS ACR39U ICC Reader', 'ACR39U ICC Reader'],
    ['SONY RC-S380/P', 'RC-S380/P'],
    ['Identiv uTrust 2700 R Smart Card Reader', 'Identiv uTrust 2700 R'],
    ['USB', 'USB'],
  ])('%s → %s', (name, short) => expect(shortReaderName(name)).toBe(short));
});

describe('text that must not break across lines', () => {
  const kept = (s: string): string[] => noBreakPieces(s).filter((p) => p.keep).map((p) => p.text);
  it.each([
    ['署名用電子証明書のパスワード（6〜16文字）', '6〜16文字'],
    ['署名用電子証明書のパスワード（6〜16文字）', '6〜16文字'],
    ['SCR3310-NTTCom（04E6:511A）', 'SCR3310-NTTCom'],
    ['SCR3310-NTTCom（04E6:511A）', '04E6:511A'],
    ['コンビニ（セブン-イレブン、一部のイオン）', 'セブン-イレブン'],
    ['2029年3月14日まで', '2029年3月14日'],
    ['Valid until 14 Mar 2029', '14 Mar 2029'],
    ['renew by 2027-01-20', '2027-01-20'],
    ['あと1回間違えると', 'あと1回'],
    ['紛失・盗難 0120-95-0178（無料・24時間）', '0120-95-0178'],
    ['6:30〜23:00の間に', '6:30〜23:00'],
  ])('%s keeps %s whole', (text, piece) => expect(kept(text)).toContain(piece));

  it('gives back the text unchanged when joined', () => {
    const s = 'カードと暗証番号を持って、2027年1月20日までに SCR3310-NTTCom で（6〜16文字）';
    expect(noBreakPieces(s).map((p) => p.text).join('')).toBe(s);
  });
});
