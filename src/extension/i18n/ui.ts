/**
 * Every word the popup and the pairing page show, Japanese first, English beside it.
 * Tone follows the city pamphlet (seed/): polite, plain, and always saying what to do
 * next. Terms are the official ones: 利用者証明用電子証明書, 署名用電子証明書, 暗証番号,
 * 市役所・各支所の窓口. `{name}` marks a value filled in by `t()`.
 */
import type { LocalText } from '../status-model';

export const UI_TEXT = {
  'app.name': { ja: 'マイナンバーカード ブリッジ', en: 'My Number Card Bridge' },
  'app.title': { ja: 'カードの状態', en: 'Card status' },
  'lang.switch': { ja: 'English', en: '日本語' },
  'lang.switchLabel': { ja: 'Show in English', en: '日本語で表示' },
  'virtual.mark': { ja: '仮想リーダー / VIRTUAL READER', en: '仮想リーダー / VIRTUAL READER' },
  'virtual.note': { ja: 'テスト用の仮想カードです。本物のカードではありません。', en: 'A test card, not a real one.' },

  'refresh.button': { ja: '再確認', en: 'Check again' },
  'refresh.updating': { ja: '確認しています…', en: 'Checking…' },
  'refresh.asOf': { ja: '{time} 時点', en: 'As of {time}' },
  'refresh.noAnswer': {
    ja: '拡張機能の応答を待っています。表示は前回の確認結果です。',
    en: 'Waiting for the extension. Showing the last result.',
  },

  'summary.checking': { ja: '状態を確認しています', en: 'Checking your card' },
  'summary.ok': { ja: 'カードは使える状態です', en: 'Your card is ready to use' },
  'summary.warning': { ja: '確認してほしいことがあります', en: 'Something needs your attention' },
  'summary.error': { ja: '対応が必要です', en: 'Action needed' },
  'summary.reading': { ja: 'カードを読み取っています', en: 'Reading your card' },
  'summary.noReader': { ja: 'カードリーダーがつながっていません', en: 'No card reader connected' },
  'summary.blocked': { ja: 'このリーダーは Chrome から使えません', en: 'Chrome cannot use this reader' },
  'summary.busy': { ja: '別のソフトがリーダーを使っています', en: 'Another program is using the reader' },
  'summary.noCard': { ja: 'カードが入っていません', en: 'No card in the reader' },
  'summary.failed': { ja: 'カードを読み取れませんでした', en: 'The card could not be read' },

  'next.noReader': {
    ja: 'USB のカードリーダーをパソコンにつなぎ、この拡張機能に使用を許可してください（最初の一度だけです）。',
    en: 'Plug a USB card reader into this computer and allow this extension to use it (needed only once).',
  },
  'next.pair': { ja: 'カードリーダーを接続する', en: 'Connect a card reader' },
  'next.blocked': {
    ja: 'Chrome の仕組み上、一般的な IC カードリーダーは拡張機能から使えません。使えるリーダーと他の方法をご案内します。',
    en: 'By Chrome’s design, extensions cannot use most standard card readers. See which readers work and the alternatives.',
  },
  'next.busy': {
    ja: 'パソコンの別のソフト（公的個人認証サービスの利用者クライアントソフトなど）やOSがリーダーを使っています。手順をご案内します。',
    en: 'Another program (such as the JPKI client software) or the operating system holds the reader. See the steps to free it.',
  },
  'next.openSetup': { ja: 'リーダーの設定を開く', en: 'Open reader setup' },
  'next.insertCard': {
    ja: 'マイナンバーカードをカードリーダーに差し込んでください。差し込むと自動で読み取ります。',
    en: 'Insert your My Number Card into the reader. It is read automatically.',
  },
  'next.failed': {
    ja: 'カードを一度抜いて、差し込み直してから「再確認」を押してください。',
    en: 'Take the card out, insert it again, then press “Check again”.',
  },

  'reader.label': { ja: 'リーダー', en: 'Reader' },
  'reader.none': { ja: '未接続', en: 'Not connected' },
  'card.label': { ja: 'カード', en: 'Card' },
  'card.none': { ja: '未挿入', en: 'Not inserted' },
  'card.inserted': { ja: '読み取り済み', en: 'Read' },

  'step.reader': { ja: 'リーダーに接続', en: 'Connecting to the reader' },
  'step.card': { ja: 'カードを確認', en: 'Checking the card' },
  'step.certificate': { ja: '電子証明書を読み取り', en: 'Reading the certificate' },
  'step.pins': { ja: '暗証番号の残り回数を確認', en: 'Checking PIN tries' },
  'step.done': { ja: '完了', en: 'done' },
  'step.current': { ja: '実行中', en: 'in progress' },
  'step.pending': { ja: '待機中', en: 'waiting' },
  'reading.keepCard': { ja: '読み取りが終わるまで、カードを抜かずにお待ちください。', en: 'Please leave the card in the reader until this finishes.' },

  'findings.title': { ja: 'お知らせ', en: 'Notices' },
  'findings.none': { ja: '気をつけることはありません。', en: 'Nothing needs your attention.' },
  'severity.error': { ja: '重要', en: 'Important' },
  'severity.warning': { ja: '注意', en: 'Attention' },
  'severity.info': { ja: '参考', en: 'Note' },
  'finding.todo': { ja: 'すること', en: 'What to do' },

  'certs.title': { ja: '電子証明書', en: 'Certificates' },
  'cert.auth.title': { ja: '利用者証明用電子証明書', en: 'Authentication certificate' },
  'cert.auth.use': { ja: 'マイナポータルへのログインなどに使います', en: 'Used to log in, e.g. to Mynaportal' },
  'cert.sign.title': { ja: '署名用電子証明書', en: 'Signing certificate' },
  'cert.sign.use': { ja: 'e-Tax の申告など、電子署名に使います', en: 'Used to sign, e.g. e-Tax returns' },
  'cert.issued': { ja: '発行日', en: 'Issued' },
  'cert.validUntil': { ja: '有効期限', en: 'Valid until' },
  'cert.renewalFrom': { ja: '更新できる日', en: 'Renewal from' },
  'cert.state.valid': { ja: '有効', en: 'Valid' },
  'cert.state.renewal-open': { ja: '更新期間中', en: 'Renewal open' },
  'cert.state.expired': { ja: '期限切れ', en: 'Expired' },
  'cert.state.not-yet-valid': { ja: '有効期間前', en: 'Not yet valid' },
  'cert.renewal.notYet': { ja: '更新手続きは {date} からできます', en: 'Renewal opens on {date}' },
  'cert.renewal.open': { ja: '{date} から更新手続きができます（市役所・各支所の窓口）', en: 'Renewal has been open since {date} (at your town office)' },
  'cert.renewal.expired': { ja: '期限切れでも、窓口で無料で再発行できます', en: 'It can still be reissued free of charge at your town office' },
  'cert.auth.absent': { ja: 'このカードには搭載されていません。', en: 'Not on this card.' },
  'cert.sign.absent': {
    ja: 'このカードには搭載されていません（15歳未満の方には発行されません）。',
    en: 'Not on this card (it is not issued to holders under 15).',
  },
  'cert.sign.later': {
    ja: '期限は、署名のとき（暗証番号の入力後）に確認できます。',
    en: 'Its dates are shown when you sign (after entering its password).',
  },
  'timeline.today': { ja: '今日', en: 'Today' },
  'timeline.expiry': { ja: '期限', en: 'Until' },
  'timeline.aria': {
    ja: '{issued} 発行、{renewal} から更新可能、{expiry} まで有効。今日は {today}。',
    en: 'Issued {issued}; renewal from {renewal}; valid until {expiry}. Today is {today}.',
  },

  'pins.title': { ja: '暗証番号の残り回数', en: 'PIN tries left' },
  'pin.auth.name': { ja: '利用者証明用（数字4桁）', en: 'Authentication PIN (4 digits)' },
  'pin.sign.name': { ja: '署名用（英数字6〜16文字）', en: 'Signing password (6–16 letters/digits)' },
  'pin.remaining': { ja: '残り {n} 回', en: '{n} left' },
  'pin.remainingLong': { ja: '全 {max} 回のうち残り {n} 回', en: '{n} of {max} tries left' },
  'pin.lastTry': {
    ja: 'あと1回まちがえるとロックされます。入力の前に暗証番号をよくご確認ください。',
    en: 'One more wrong entry locks it. Make sure of the PIN before you type it.',
  },
  'pin.locked': { ja: 'ロックされています', en: 'Locked' },
  'pin.unknown': { ja: '確認できませんでした', en: 'Could not be checked' },

  'cardExpiry.title': { ja: 'カード本体の有効期限', en: 'The card’s own expiry' },
  'cardExpiry.explain': {
    ja: 'カードの表面に印字された有効期限を入力すると、カードの更新時期もお知らせします。日付はこのパソコンの中だけに保存されます。',
    en: 'Enter the expiry date printed on the front of your card to see when the card itself needs renewing. It is kept only on this computer.',
  },
  'cardExpiry.add': { ja: '入力する', en: 'Add date' },
  'cardExpiry.addLabel': { ja: 'カード本体の有効期限を入力する', en: 'Add the expiry date printed on the card' },
  'cardExpiry.short': { ja: '券面の日付を入れると、カードの更新時期も表示します。', en: 'Add the date printed on the card to see its renewal too.' },
  'cardExpiry.label': { ja: '有効期限（券面の「○年○月○日まで有効」）', en: 'Expiry date (as printed on the card)' },
  'cardExpiry.hint': { ja: '例: 2034/03/05', en: 'e.g. 2034-03-05' },
  'cardExpiry.save': { ja: '保存', en: 'Save' },
  'cardExpiry.cancel': { ja: 'やめる', en: 'Cancel' },
  'cardExpiry.change': { ja: '変更', en: 'Change' },
  'cardExpiry.remove': { ja: '削除', en: 'Remove' },
  'cardExpiry.saved': { ja: '保存しました。', en: 'Saved.' },
  'cardExpiry.removed': { ja: '削除しました。', en: 'Removed.' },
  'cardExpiry.printed': { ja: '券面の日付', en: 'From the card' },
  'cardExpiry.error.save': { ja: '保存できませんでした。もう一度お試しください。', en: 'It could not be saved. Please try again.' },
  'cardExpiry.error.empty': { ja: '日付を入力してください。', en: 'Please enter a date.' },
  'cardExpiry.error.format': {
    ja: '日付として読み取れませんでした。「2034/03/05」のように入力してください。',
    en: 'That could not be read as a date. Please type it like 2034-03-05.',
  },
  'cardExpiry.error.no-such-day': {
    ja: 'その日付は存在しません。カードの表面をもう一度ご確認ください。',
    en: 'That day does not exist. Please check the card again.',
  },
  'cardExpiry.error.out-of-range': {
    ja: 'カードの有効期限としてはありえない年です。カードの表面をもう一度ご確認ください。',
    en: 'That year cannot be a card expiry. Please check the card again.',
  },

  'footer.setup': { ja: 'リーダーの設定', en: 'Reader setup' },
  'footer.lost': {
    ja: '紛失・盗難は 0120-95-0178（無料・24時間）',
    en: 'Lost or stolen: 0120-95-0178 (free, 24 h)',
  },

  'badge.ok': { ja: '問題はありません', en: 'All is well' },
  'badge.noReader': { ja: 'カードリーダーがつながっていません', en: 'No card reader connected' },
  'badge.noCard': { ja: 'カードが入っていません', en: 'No card in the reader' },
  'badge.reading': { ja: 'カードを読み取っています', en: 'Reading the card' },
} as const satisfies Record<string, LocalText>;

export type UiKey = keyof typeof UI_TEXT;
