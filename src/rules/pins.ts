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
  /** Characters allowed after normalisation (ASCII; full-width forms are mapped first). */
  readonly charset: RegExp;
  readonly charsetText: LocalText;
  /** Consecutive wrong entries that lock it; a correct entry resets the count (P4). */
  readonly maxTries: number;
}

export const PIN_POLICIES: Readonly<Record<PinKind, PinPolicy>> = Object.freeze({
  // P2: 利用者証明用, 4 digits, 3 tries.
  auth: Object.freeze({
    kind: 'auth',
    label: Object.freeze({ ja: '利用者証明用電子証明書の暗証番号', en: 'authentication PIN' }),
    minLength: 4,
    maxLength: 4,
    charset: /^[0-9]*$/,
    charsetText: Object.freeze({ ja: '数字', en: 'digits' }),
    maxTries: 3,
  }),
  // P1: 署名用, 6–16 of A–Z and 0–9, 5 tries.
  sign: Object.freeze({
    kind: 'sign',
    label: Object.freeze({ ja: '署名用電子証明書のパスワード', en: 'signing password' }),
    minLength: 6,
    maxLength: 16,
    charset: /^[A-Z0-9]*$/,
    charsetText: Object.freeze({ ja: '英字（A〜Z）と数字', en: 'letters A–Z and digits' }),
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
  | { ok: false; reason: 'empty' | 'length' | 'charset'; message: LocalText; /** The first character refused (reason 'charset'). */ character?: string };

const NO_MIX: LocalText = {
  ja: '英字と数字の両方を含んでいません。現在のルールでは両方が必要ですが、以前に設定したパスワードならこのまま使えます。',
  en: 'It does not mix letters and digits. New passwords need both, but one set before that rule still works.',
};

function policyFor(kind: PinKind): PinPolicy {
  const policy = Object.hasOwn(PIN_POLICIES, kind) ? PIN_POLICIES[kind] : undefined;
  if (policy === undefined) throw new InvalidRuleInputError('unknown PIN kind', { kind: String(kind) });
  return policy;
}

/** Full-width forms (U+FF10–FF19, FF21–FF3A, FF41–FF5A) sit 0xFEE0 above their ASCII. */
const FULL_WIDTH_OFFSET = 0xfee0;
const FULL_WIDTH_ALNUM = /^[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]$/u;
const ASCII_ALNUM = /^[0-9A-Za-z]$/;

/**
 * One typed character as the card would receive it: ASCII letters and digits as they
 * are, their full-width forms (a Japanese IME) as ASCII, anything else undefined. Not
 * NFKC: it maps ß, ﬁ, Ⅻ, ①, ¹, 𝟏 and Arabic-Indic digits onto letters and digits the
 * holder never typed, and each such guess would spend a try (issue 14 §5).
 */
function asciiOf(ch: string): string | undefined {
  if (ASCII_ALNUM.test(ch)) return ch;
  if (FULL_WIDTH_ALNUM.test(ch)) return String.fromCharCode(ch.charCodeAt(0) - FULL_WIDTH_OFFSET);
  return undefined;
}

/** How a refused character is named: itself and its code point, so a space or a look-alike is visible. */
function characterName(ch: string): string {
  return `「${ch}」(U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
}

function charsetRefusal(policy: PinPolicy, ch: string): PinCheck {
  const named = characterName(ch);
  return {
    ok: false,
    reason: 'charset',
    character: ch,
    message: {
      ja: `${policy.label.ja}に${named}は使えません。使えるのは${policy.charsetText.ja}だけです。`,
      en: `The ${policy.label.en} cannot contain ${named}: it uses ${policy.charsetText.en} only.`,
    },
  };
}

/**
 * Normalises (full-width letters and digits to ASCII; signing passwords upper-cased as
 * J-LIS does, P1), then checks the format. A refused character is named in the message.
 */
export function checkPin(kind: PinKind, input: string): PinCheck {
  const policy = policyFor(kind);
  if (typeof input !== 'string') throw new InvalidRuleInputError('the PIN must be a string', { kind });
  if (input.length === 0) {
    return { ok: false, reason: 'empty', message: { ja: `${policy.label.ja}を入力してください。`, en: `Enter the ${policy.label.en}.` } };
  }
  let pin = '';
  // By code point, so a character outside the BMP (𝟏) is named whole, not as a surrogate.
  for (const ch of input) {
    let ascii = asciiOf(ch);
    if (ascii !== undefined && kind === 'sign') ascii = ascii.toUpperCase();
    if (ascii === undefined || !policy.charset.test(ascii)) return charsetRefusal(policy, ch);
    pin += ascii;
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
    ja: `${policy.label.ja}は${policy.minLength}〜${policy.maxLength}文字です。`,
    en: `The ${policy.label.en} has ${policy.minLength} to ${policy.maxLength} characters.`,
  };
}
