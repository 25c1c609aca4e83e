/**
 * assess(): facts about a card plus today's JST date → every finding that applies, most
 * severe first. Nothing in CardFacts is required; a fact that is not known gives no
 * finding. Severities (issue 2): expired and locked are errors; last try, not yet valid
 * and renewal open are warnings; reduced tries and absence are info.
 */
import { checkDate, endOfMonthAfter } from './calendar';
import { ageOn } from './birthdays';
import { cardExpiry } from './card-expiry';
import { InvalidRuleInputError } from './errors';
import { PIN_POLICIES } from './pins';
import { renewalOpens } from './renewal';
import { sortFindings } from './severity';
import { certificateTimeline } from './timeline';
import type { CardFacts, Finding, LocalText, PinKind } from './types';
import * as T from './texts';

export function assess(facts: CardFacts, today: string): Finding[] {
  checkDate(today, 'today');
  if (facts.birthDate !== undefined) checkDate(facts.birthDate, 'birthDate');
  return sortFindings([
    ...cardFindings(facts, today),
    ...certFindings('auth', facts.authCert, facts, today),
    ...certFindings('sign', facts.signCert, facts, today),
    ...pinFindings(facts.pins),
  ]);
}

interface KnownExpiry {
  readonly date: string;
  readonly computed: boolean;
  readonly stay: boolean;
}

/** A printed expiry wins over a computed one (design consequence 1). */
function knownCardExpiry(facts: CardFacts): KnownExpiry | undefined {
  const card = facts.card;
  if (card === undefined) return undefined;
  const stay = card.stayExpiry !== undefined ? checkDate(card.stayExpiry, 'card.stayExpiry') : undefined;
  if (card.expiry !== undefined) {
    const printed = checkDate(card.expiry, 'card.expiry');
    // DESIGN CHOICE (no source covers it): "a printed expiry wins" (issue 2) vs C8 + design
    // consequence 5. A stay expiry earlier than the printed date is used, so the warning comes early.
    if (stay !== undefined && stay < printed) return { date: stay, computed: false, stay: true };
    return { date: printed, computed: false, stay: stay === printed };
  }
  if (facts.birthDate === undefined || card.issueDate === undefined) return undefined;
  const est = cardExpiry({
    birthDate: facts.birthDate,
    issueDate: card.issueDate,
    ...(card.applicationDate !== undefined ? { applicationDate: card.applicationDate } : {}),
    ...(stay !== undefined ? { stayExpiry: stay } : {}),
  });
  return { date: est.date, computed: true, stay: est.rule === 'stay' };
}

function cardFindings(facts: CardFacts, today: string): Finding[] {
  const expiry = knownCardExpiry(facts);
  if (expiry === undefined) return [];
  const note: LocalText = expiry.computed ? T.COMPUTED_NOTE : { ja: '', en: '' };
  const d = expiry.date;
  // A card is valid through its expiry date (facts, design consequence 2).
  if (today > d) {
    const grace = endOfMonthAfter(d, 3);
    const action = today <= grace ? T.join(T.cardExpiredAction(expiry.stay), T.insuranceGrace(grace)) : T.cardExpiredAction(expiry.stay);
    const text = T.join({ ja: `マイナンバーカードの有効期限（${T.jaDate(d)}）が過ぎています。`, en: `The My Number Card expired after ${T.enDate(d)}.` }, note);
    return [{ code: 'card-expired', severity: 'error', subject: 'card', text, action, date: d }];
  }
  const opens = renewalOpens(d);
  if (today < opens) return [];
  const text = T.join(
    { ja: `マイナンバーカードの有効期限は${T.jaDate(d)}です。更新の申請ができる期間に入っています。`, en: `The My Number Card expires on ${T.enDate(d)}; renewal is open.` },
    note,
  );
  return [{ code: 'card-renewal-open', severity: 'warning', subject: 'card', text, action: T.cardRenewalAction(d, opens, expiry.stay), date: d }];
}

function certFindings(
  kind: 'auth' | 'sign',
  cert: CardFacts['authCert'],
  facts: CardFacts,
  today: string,
): Finding[] {
  const subject = kind === 'auth' ? 'auth-cert' : 'sign-cert';
  const label = T.CERT_LABEL[kind];
  if (cert === undefined) return [];
  if (cert === null) return kind === 'sign' ? [signAbsent(facts, today)] : [];
  const t = certificateTimeline(cert, today);
  if (t.expired) {
    // E6 applies to the authentication certificate only (the one マイナ保険証 relies on).
    const grace = endOfMonthAfter(t.expiry, 3);
    const action = kind === 'auth' && today <= grace ? T.join(T.certExpiredAction(kind), T.insuranceGrace(grace)) : T.certExpiredAction(kind);
    const text = { ja: `${label.ja}の有効期限（${T.jaDate(t.expiry)}）が過ぎています。`, en: `${label.en} expired after ${T.enDate(t.expiry)}.` };
    return [{ code: `${subject}-expired`, severity: 'error', subject, text, action, date: t.expiry }];
  }
  if (t.notYetValid) {
    const text = { ja: `${label.ja}の有効期間は${T.jaDate(t.issued)}からです。`, en: `${label.en} is not valid until ${T.enDate(t.issued)}.` };
    const action = { ja: 'パソコンの日付と時刻が正しいか確認してください。', en: "Check that the computer's date and time are right." };
    return [{ code: `${subject}-not-yet-valid`, severity: 'warning', subject, text, action, date: t.issued }];
  }
  if (!t.renewalOpen) return [];
  const text = { ja: `${label.ja}の有効期限は${T.jaDate(t.expiry)}です。更新できる期間に入っています。`, en: `${label.en} expires on ${T.enDate(t.expiry)}; renewal is open.` };
  return [{ code: `${subject}-renewal-open`, severity: 'warning', subject, text, action: T.certRenewalAction(t.renewalOpens), date: t.expiry }];
}

function signAbsent(facts: CardFacts, today: string): Finding {
  // M1: not issued to under-15s; the age is only known when the birth date is.
  const under15 = facts.birthDate !== undefined && facts.birthDate <= today && ageOn(facts.birthDate, today) < 15;
  const text = under15
    ? { ja: 'このカードには署名用電子証明書がありません。15歳未満の方には発行されません。', en: 'This card has no signing certificate; it is not issued to holders under 15.' }
    : { ja: 'このカードには署名用電子証明書がありません。', en: 'This card has no signing certificate.' };
  return { code: 'sign-cert-absent', severity: 'info', subject: 'sign-cert', text, action: T.signAbsentAction(under15) };
}

function pinFindings(pins: CardFacts['pins']): Finding[] {
  if (pins === undefined) return [];
  const out: Finding[] = [];
  for (const kind of ['auth', 'sign', 'assist'] as const) {
    const left = pins[kind];
    if (left === undefined) continue;
    const max = PIN_POLICIES[kind].maxTries;
    if (!Number.isInteger(left) || left < 0 || left > max) {
      throw new InvalidRuleInputError(`remaining tries must be a whole number from 0 to ${max}`, { field: `pins.${kind}`, value: String(left) });
    }
    const finding = pinFinding(kind, left, max);
    if (finding !== undefined) out.push(finding);
  }
  return out;
}

function pinFinding(kind: PinKind, left: number, max: number): Finding | undefined {
  const subject = `${kind}-pin` as const;
  const label = T.PIN_LABEL[kind];
  if (left === 0) {
    const text = { ja: `${label.ja}はロックされています。`, en: `${label.en} is locked.` };
    return { code: `${kind}-pin-locked`, severity: 'error', subject, text, action: T.pinLockedAction(kind) };
  }
  if (left === 1) {
    const text = { ja: `${label.ja}は、あと1回間違えるとロックされます。`, en: `${label.en} locks after one more wrong entry.` };
    return { code: `${kind}-pin-last-try`, severity: 'warning', subject, text, action: T.PIN_LAST_TRY_ACTION };
  }
  if (left === max) return undefined;
  const text = { ja: `${label.ja}の残り回数は${left}回です（最大${max}回）。`, en: `${label.en} has ${left} of ${max} tries left.` };
  return { code: `${kind}-pin-tries-reduced`, severity: 'info', subject, text, action: T.PIN_REDUCED_ACTION };
}
