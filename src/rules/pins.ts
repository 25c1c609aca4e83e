/**
 * PIN formats and try limits (facts/rules.md P1–P4), and the check that runs before a
 * PIN reaches the card, so a malformed PIN never costs a try (DESIGN, security rules).
 */
import { InvalidRuleInputError } from './errors';
import type { LocalText, PinKind } from './types';

export interface PinPolicy {
  readonly kind: PinKind;
  readonly label: LocalText;
  readonly minLength: number;
  readonly maxLength: number;
  /** Characters allowed after normalisation. */
  readonly charset: RegExp;
  readonly charsetText: LocalText;
  /** Consecutive wrong entries that lock it; a correct entry resets the count (P4). */
  readonly maxTries: number;
}

export const PIN_POLICIES: Readonly<Record<PinKind, PinPolicy>> = Object.freeze({
  // P2: 利用者証明用, 4 digits, 3 tries.
  auth: Object.freeze({
    kind: 'auth',
    label: Object.freeze({ ja: '利用者証明用電子証明書の暗証番号', en: 'user-authentication certificate PIN' }),
    minLength: 4,
    maxLength: 4,
    charset: /^[0-9]*$/,
    charsetText: Object.freeze({ ja: '数字', en: 'digits' }),
    maxTries: 3,
  }),
  // P1: 署名用, 6–16 of A–Z and 0–9, 5 tries.
  sign: Object.freeze({
    kind: 'sign',
    label: Object.freeze({ ja: '署名用電子証明書のパスワード', en: 'digital-signature certificate password' }),
    minLength: 6,
    maxLength: 16,
    charset: /^[A-Z0-9]*$/,
    charsetText: Object.freeze({ ja: '英字（A～Z）と数字', en: 'letters A–Z and digits' }),
    maxTries: 5,
  }),
  // P3: 券面事項入力補助用, 4 digits, 3 tries.
  assist: Object.freeze({
    kind: 'assist',
    label: Object.freeze({ ja: '券面事項入力補助用の暗証番号', en: 'card-information (assist) PIN' }),
    minLength: 4,
    maxLength: 4,
    charset: /^[0-9]*$/,
    charsetText: Object.freeze({ ja: '数字', en: 'digits' }),
    maxTries: 3,
  }),
});

export type PinCheck =
  | { ok: true; pin: string; warning?: string; warningMessage?: LocalText }
  | { ok: false; reason: 'empty' | 'length' | 'charset'; message: LocalText };

const NO_MIX: LocalText = {
  ja: '英字と数字の両方を含んでいません。現在のルールでは両方が必要ですが、以前に設定したパスワードならこのまま使えます。',
  en: 'It does not mix letters and digits. New passwords need both, but one set before that rule still works.',
};

function policyFor(kind: PinKind): PinPolicy {
  const policy = Object.hasOwn(PIN_POLICIES, kind) ? PIN_POLICIES[kind] : undefined;
  if (policy === undefined) throw new InvalidRuleInputError('unknown PIN kind', { kind: String(kind) });
  return policy;
}

/**
 * Normalises (NFKC, so full-width digits and letters typed with a Japanese IME count;
 * signing passwords upper-cased as J-LIS does, P1), then checks the format.
 */
export function checkPin(kind: PinKind, input: string): PinCheck {
  const policy = policyFor(kind);
  if (typeof input !== 'string') throw new InvalidRuleInputError('the PIN must be a string', { kind });
  let pin = input.normalize('NFKC');
  if (kind === 'sign') pin = pin.toUpperCase();
  if (pin.length === 0) {
    return { ok: false, reason: 'empty', message: { ja: `${policy.label.ja}を入力してください。`, en: `Enter the ${policy.label.en}.` } };
  }
  if (!policy.charset.test(pin)) {
    return {
      ok: false,
      reason: 'charset',
      message: { ja: `${policy.label.ja}に使えるのは${policy.charsetText.ja}だけです。`, en: `The ${policy.label.en} uses ${policy.charsetText.en} only.` },
    };
  }
  if (pin.length < policy.minLength || pin.length > policy.maxLength) return { ok: false, reason: 'length', message: lengthText(policy) };
  // P1 requires a letter and a digit when a password is set, but the card compares only
  // bytes; refusing could lock out a holder whose password predates the rule (issue 2).
  if (kind === 'sign' && !(/[A-Z]/.test(pin) && /[0-9]/.test(pin))) {
    return { ok: true, pin, warning: `${NO_MIX.ja} / ${NO_MIX.en}`, warningMessage: NO_MIX };
  }
  return { ok: true, pin };
}

function lengthText(policy: PinPolicy): LocalText {
  if (policy.minLength === policy.maxLength) {
    return {
      ja: `${policy.label.ja}は${policy.minLength}桁の${policy.charsetText.ja}です。`,
      en: `The ${policy.label.en} is exactly ${policy.minLength} ${policy.charsetText.en}.`,
    };
  }
  return {
    ja: `${policy.label.ja}は${policy.minLength}～${policy.maxLength}文字です。`,
    en: `The ${policy.label.en} has ${policy.minLength} to ${policy.maxLength} characters.`,
  };
}
