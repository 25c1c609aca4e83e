/**
 * Error code → what the resident is told (ja first, en), what to do, and which status
 * phase it puts the popup in. Codes are the stable `code` of the layers' error classes
 * (reader: src/reader/ccid/errors.ts, card: src/card/errors.ts, background:
 * background/errors.ts); the UI engineer's i18n/index.ts combines this with the UI
 * catalogue. What the user must tell apart (unplugged, removed, timeout, blocked, busy,
 * locked) has its own entry (STYLE §9); everything else falls to 'unexpected'.
 */
import type { LocalText, StatusPhase } from '../status-model';

export interface ErrorText {
  readonly message: LocalText;
  readonly action?: LocalText;
  readonly phase: StatusPhase;
}

const BLOCKED_ACTION: LocalText = {
  ja:
    'Chrome の拡張機能が使えるのは、CCID をベンダー独自クラスで載せたリーダー（例: SCR3310-NTTCom, 04E6:511A）だけです。' +
    'お使いのリーダーでは、公的個人認証サービスの利用者クライアントソフトなど、パソコンのドライバーを使う方法をご利用ください。',
  en:
    'A Chrome extension can only use readers that carry CCID on a vendor-class interface (for example SCR3310-NTTCom, 04E6:511A). ' +
    'With this reader, use a route through the computer’s own driver, such as the JPKI user client software.',
};

const BUSY_ACTION: LocalText = {
  ja:
    'ほかのソフトがリーダーを使っています。Linux: 「sudo systemctl stop pcscd.socket pcscd」を実行。' +
    'Windows: このリーダーのドライバーを WinUSB にする必要があります（公的個人認証の利用者ソフトでは使えなくなります）。' +
    'macOS: 「sudo pkill -HUP com.apple.ifdreader」を実行。そのあとリーダーを挿し直してください。',
  en:
    'Another program holds the reader. Linux: run "sudo systemctl stop pcscd.socket pcscd". ' +
    'Windows: the reader’s driver must be WinUSB (the JPKI client software then cannot use it). ' +
    'macOS: run "sudo pkill -HUP com.apple.ifdreader". Then plug the reader in again.',
};

const RETRY: LocalText = { ja: 'もう一度確認してください。', en: 'Check again.' };
const REINSERT: LocalText = {
  ja: 'カードを差し直して、もう一度確認してください。',
  en: 'Insert the card again and check again.',
};

export const ERROR_TEXTS = {
  'no-reader': {
    phase: 'no-reader',
    message: { ja: 'カードリーダーが見つかりません。', en: 'No card reader found.' },
    action: {
      ja: 'リーダーを USB に挿してください。初めてなら「リーダーを設定」から登録します。',
      en: 'Plug the reader into USB. The first time, register it with “Set up reader”.',
    },
  },
  'reader-disconnected': {
    phase: 'no-reader',
    message: { ja: 'カードリーダーが外されました。', en: 'The card reader was unplugged.' },
    action: { ja: 'リーダーを USB に挿し直してください。', en: 'Plug the reader back in.' },
  },
  'reader-protected-interface': {
    phase: 'reader-blocked',
    message: {
      ja: 'このカードリーダーは Chrome の制限により拡張機能から使えません（スマートカードクラスは保護されています）。',
      en: 'Chrome does not let extensions use this card reader (the smart-card class is protected).',
    },
    action: BLOCKED_ACTION,
  },
  'reader-busy': {
    phase: 'reader-busy',
    message: { ja: 'カードリーダーをパソコンのほかのソフトが使用中です。', en: 'Another program on this computer is using the reader.' },
    action: BUSY_ACTION,
  },
  'reader-unsupported': {
    phase: 'error',
    message: { ja: 'このカードリーダーには対応していません。', en: 'This card reader is not supported.' },
    action: BLOCKED_ACTION,
  },
  'card-absent': {
    phase: 'no-card',
    message: { ja: 'カードが入っていません。', en: 'No card in the reader.' },
    action: { ja: 'マイナンバーカードを IC チップを奥にしてリーダーに差し込んでください。', en: 'Insert your My Number Card, chip first.' },
  },
  'card-removed': {
    phase: 'no-card',
    message: { ja: '読み取り中にカードが抜かれました。', en: 'The card was removed while it was being read.' },
    action: REINSERT,
  },
  'card-mute': {
    phase: 'error',
    message: { ja: 'カードが応答しません。', en: 'The card does not respond.' },
    action: { ja: 'カードの向きと差し込みを確かめて、差し直してください。', en: 'Check the card’s orientation and insert it again.' },
  },
  'not-jpki-card': {
    phase: 'error',
    message: { ja: 'このカードはマイナンバーカードではないようです。', en: 'This does not look like a My Number Card.' },
    action: { ja: 'マイナンバーカードを差し込んでください。', en: 'Insert your My Number Card.' },
  },
  'reader-timeout': {
    phase: 'error',
    message: { ja: 'カードリーダーが応答しません。', en: 'The card reader does not answer.' },
    action: { ja: 'リーダーを挿し直して、もう一度確認してください。', en: 'Plug the reader in again and check again.' },
  },
  'deadline-expired': {
    phase: 'error',
    message: { ja: '読み取りが時間内に終わりませんでした。', en: 'Reading the card took too long.' },
    action: REINSERT,
  },
  'session-busy': {
    phase: 'error',
    message: { ja: 'カードリーダーは別の処理で使用中です。', en: 'The reader is busy with another request.' },
    action: RETRY,
  },
  'wrong-pin': {
    phase: 'error',
    message: { ja: '暗証番号が違います。', en: 'The PIN is not correct.' },
    action: { ja: 'もう一度入力してください。', en: 'Enter it again.' },
  },
  'pin-locked': {
    phase: 'error',
    message: { ja: '暗証番号がロックされています。', en: 'The PIN is locked.' },
    action: {
      ja: '市役所・各支所の窓口で、本人確認書類を持って解除してください。',
      en: 'Have it unlocked at your town office; bring photo ID.',
    },
  },
  'certificate-expired': {
    phase: 'error',
    message: { ja: '電子証明書の有効期限が切れています。', en: 'The certificate has expired.' },
    action: { ja: '市役所・各支所の窓口で更新してください。', en: 'Renew it at your town office.' },
  },
  'certificate-not-yet-valid': {
    phase: 'error',
    message: { ja: '電子証明書はまだ有効になっていません。', en: 'The certificate is not valid yet.' },
    action: { ja: 'パソコンの日付と時刻を確かめてください。', en: 'Check the date and time of this computer.' },
  },
  'no-signing-certificate': {
    phase: 'error',
    message: { ja: 'このカードには署名用電子証明書がありません。', en: 'This card has no signing certificate.' },
    action: {
      ja: '15歳未満の方には発行されません。15歳になったら市役所・各支所の窓口で申請できます。',
      en: 'It is not issued under 15. From 15 you can apply at your town office.',
    },
  },
  'card-changed': {
    phase: 'error',
    message: { ja: 'カードが差し替えられました。', en: 'The card was changed.' },
    action: { ja: '最初からやり直してください。', en: 'Start again from the site.' },
  },
  'certificate-mismatch': {
    phase: 'error',
    message: { ja: 'サイトが指定した証明書はこのカードのものではありません。', en: 'The site named a certificate that is not this card’s.' },
    action: { ja: 'サイトで最初からやり直してください。', en: 'Start again from the site.' },
  },
  'user-cancelled': {
    phase: 'error',
    message: { ja: '取り消しました。', en: 'Cancelled.' },
  },
  'user-timeout': {
    phase: 'error',
    message: { ja: '時間切れになりました。', en: 'The time ran out.' },
    action: { ja: 'サイトで最初からやり直してください。', en: 'Start again from the site.' },
  },
  'unexpected': {
    phase: 'error',
    message: { ja: 'カードを読み取れませんでした。', en: 'The card could not be read.' },
    action: REINSERT,
  },
} as const satisfies Record<string, ErrorText>;

export type KnownErrorCode = keyof typeof ERROR_TEXTS;

/** Codes of the layers below that mean the same thing to the resident as a known code. */
const SAME_AS: Readonly<Record<string, KnownErrorCode>> = {
  'reader-closed': 'reader-disconnected',
  'reader-stall': 'reader-timeout',
  'reader-framing': 'unexpected',
  'slot-busy': 'session-busy',
};

export function errorText(code: string): ErrorText & { readonly code: KnownErrorCode } {
  const known: KnownErrorCode = Object.hasOwn(ERROR_TEXTS, code)
    ? (code as KnownErrorCode)
    : (SAME_AS[code] ?? 'unexpected');
  return { code: known, ...ERROR_TEXTS[known] };
}
