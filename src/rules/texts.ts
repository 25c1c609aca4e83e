/**
 * What the resident is told, Japanese first with English beside it. Every action comes
 * from facts/rules.md; the fact id is cited beside each sentence.
 */
import { parseDate } from './calendar';
import type { LocalText, PinKind } from './types';

export const jaDate = (date: string): string => {
  const d = parseDate(date);
  return `${d.year}年${d.month}月${d.day}日`;
};

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** The one English date form of every view (docs/ui.md glossary): "14 Mar 2029", as the popup writes it. */
export const enDate = (date: string): string => {
  const d = parseDate(date);
  return `${d.day} ${MONTHS_EN[d.month - 1] ?? '?'} ${d.year}`;
};

export const join = (...parts: LocalText[]): LocalText => ({
  ja: parts.map((p) => p.ja).join(''),
  en: parts.map((p) => p.en).filter((e) => e !== '').join(' '),
});

const OFFICE: LocalText = { ja: '市役所・各支所の窓口', en: 'the town office (市役所・各支所の窓口)' };

/** L5, H1: the loss hotline; the voice-menu digit has changed over time, so it is not given. */
export const LOST_CARD_ADVICE: LocalText = {
  ja: 'カードをなくしたときは、すぐにマイナンバー総合フリーダイヤル 0120-95-0178（無料・24時間365日）に連絡して、カードを一時停止してください。',
  en: 'If the card is lost or stolen, call the My Number hotline 0120-95-0178 at once (free, 24 hours, every day) to suspend it.',
};

export const COMPUTED_NOTE: LocalText = {
  ja: '（生年月日と発行日からの計算値です。カード券面の有効期限を確認してください。）',
  en: '(Computed from the birth and issue dates; check the date printed on the card.)',
};

export const CERT_LABEL: Readonly<Record<'auth' | 'sign', LocalText>> = {
  auth: { ja: '利用者証明用電子証明書', en: 'The authentication certificate' },
  sign: { ja: '署名用電子証明書', en: 'The signing certificate' },
};

export const PIN_LABEL: Readonly<Record<PinKind, LocalText>> = {
  auth: { ja: '利用者証明用電子証明書の暗証番号（4桁）', en: 'The authentication PIN (4 digits)' },
  sign: { ja: '署名用電子証明書のパスワード（6〜16文字）', en: 'The signing password (6–16 characters)' },
  assist: { ja: '券面事項入力補助用の暗証番号（4桁）', en: 'The card-information (assist) PIN (4 digits)' },
};

/** E6: マイナ保険証 keeps working to the end of the 3rd month after the month of expiry. */
export function insuranceGrace(until: string): LocalText {
  return {
    ja: `健康保険証（マイナ保険証）としては${jaDate(until)}まで使えます。その後は利用登録のやり直しが必要です。`,
    en: `It still works as a health-insurance card until ${enDate(until)}; after that the registration must be redone.`,
  };
}

export function cardExpiredAction(stay: boolean): LocalText {
  if (stay) {
    // SOURCES DIFFER by case: R2 says re-application after expiry is free; C8 says a lapsed
    // stay-limited card needs a reissue that costs a fee. Stay-limited cards get the C8 text.
    return {
      ja: `${OFFICE.ja}でカードの再交付を申請してください（手数料がかかります）。`,
      en: `Apply for a new card at ${OFFICE.en}; a reissue costs a fee.`,
    };
  }
  // R2: re-application after expiry is free, with the 申請書ID sent with the notice.
  return {
    ja: `${OFFICE.ja}で新しいカードを申請してください（無料）。有効期限通知書の申請書IDも使えます。`,
    en: `Apply for a new card, free of charge, at ${OFFICE.en}; the application ID in the expiry notice can be used.`,
  };
}

export function cardRenewalAction(expiry: string, opens: string, stay: boolean): LocalText {
  if (stay) {
    // C8, R3: renewing the visa does not extend the card, and J-LIS sends no notice.
    return {
      ja: `在留期間を更新したら、${jaDate(expiry)}までに${OFFICE.ja}でカードの有効期間を変更してください。期限を過ぎるとカードは失効します。有効期限通知書は届きません。`,
      en: `After renewing your period of stay, have the card's term extended at ${OFFICE.en} by ${enDate(expiry)}; after that date the card lapses. No expiry notice is mailed.`,
    };
  }
  // R1, R4: apply from the day the window opens; a new card takes about a month.
  return {
    ja: `${jaDate(opens)}から${OFFICE.ja}で更新を申請できます。新しいカードができるまで約1か月かかるので、早めに申請してください。`,
    en: `You can apply for renewal at ${OFFICE.en} from ${enDate(opens)}. A new card takes about a month, so apply early.`,
  };
}

export function certExpiredAction(kind: 'auth' | 'sign'): LocalText {
  // E5, E7: a new certificate is issued free, only at the town office, with the card and PINs.
  return {
    ja: `カードと暗証番号を持って、${OFFICE.ja}で${CERT_LABEL[kind].ja}の発行を申請してください（無料）。`,
    en: `Take the card and your PINs to ${OFFICE.en} and apply for a new certificate, free of charge.`,
  };
}

export function certRenewalAction(opens: string): LocalText {
  // R1, E4, E7: renewal only at the office; renewing inside the window loses no time.
  return {
    ja: `${jaDate(opens)}から、カードと暗証番号を持って${OFFICE.ja}で更新できます。期間内に更新しても有効期間は短くなりません。`,
    en: `From ${enDate(opens)} you can renew it at ${OFFICE.en}; bring the card and your PINs. Renewing early loses no time.`,
  };
}

export function signAbsentAction(under15: boolean): LocalText {
  if (under15) {
    // M1: not issued under 15, and not added automatically at 15.
    return {
      ja: `15歳になったら、${OFFICE.ja}で発行を申請できます（自動では追加されません）。`,
      en: `From age 15 it can be applied for at ${OFFICE.en}; it is not added automatically.`,
    };
  }
  // M1, L1: issued on request from 15; a change of address or name revokes it. The age is
  // not known here, so the under-15 rule is said too: the popup's certificate row says it.
  return {
    ja: `e-Taxなどの電子申請に必要なときは、${OFFICE.ja}で発行を申請してください（15歳未満の方には発行されません）。住所や氏名が変わると自動的に失効します。`,
    en: `If you need it (e-Tax and other signed applications), apply at ${OFFICE.en}; it is not issued under 15. It lapses whenever your address or name changes.`,
  };
}

const STORE_RESET: Readonly<Record<'auth' | 'sign', LocalText>> = {
  // P6: resetting the auth PIN needs the signing password; only Seven-Eleven and some AEON stores.
  auth: {
    ja: '署名用電子証明書のパスワードが分かれば、スマートフォンの「JPKI暗証番号リセット」アプリとコンビニのキオスク端末（セブン-イレブン、一部のイオン）でも再設定できます。',
    en: 'If you know the signing password, you can also reset it with the JPKI PIN-reset smartphone app and a convenience-store kiosk (Seven-Eleven, some AEON stores).',
  },
  // P6: resetting the signing password needs the auth PIN; most chains.
  sign: {
    ja: '利用者証明用電子証明書の暗証番号（4桁）が分かれば、スマートフォンの「JPKI暗証番号リセット」アプリとコンビニのキオスク端末（セブン-イレブン、ローソン、ファミリーマート、ミニストップなど）でも再設定できます。',
    en: 'If you know the 4-digit authentication PIN, you can also reset it with the JPKI PIN-reset smartphone app and a convenience-store kiosk (Seven-Eleven, Lawson, FamilyMart, Ministop and others).',
  },
};

const STORE_HOURS: LocalText = {
  ja: 'アプリの手続きから24時間以内に、6:30〜23:00の間に店頭で完了してください（無料）。',
  en: 'Finish at the store within 24 hours of the app step, between 06:30 and 23:00 (free).',
};

export function pinLockedAction(kind: PinKind): LocalText {
  // P5: any PIN can be reset at the town office with photo ID.
  const office: LocalText = {
    ja: `顔写真付きの本人確認書類を持って、${OFFICE.ja}で再設定してください。`,
    en: `Take photo ID to ${OFFICE.en} to have it reset.`,
  };
  // P6: the assist PIN can never be reset at a store.
  return kind === 'assist' ? office : join(office, STORE_RESET[kind], STORE_HOURS);
}

export const PIN_LAST_TRY_ACTION: LocalText = {
  ja: '確かでないときは入力せず、暗証番号を確認するか窓口で再設定してください。',
  en: 'If you are not sure of it, do not try again: look it up or have it reset at the town office.',
};

/** P4: the count is of consecutive failures; a correct entry resets it. */
export const PIN_REDUCED_ACTION: LocalText = {
  ja: '正しく入力すると、残り回数は元に戻ります。',
  en: 'One correct entry restores the full count.',
};

