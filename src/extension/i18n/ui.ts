/**
 * Every word the popup and the pairing page show, Japanese first, English beside it.
 * Tone follows the city pamphlet (seed/): polite, plain, and always saying what to do
 * next. Terms are the official ones: 利用者証明用電子証明書, 署名用電子証明書, 暗証番号,
 * 市役所・各支所の窓口. `{name}` marks a value filled in by `t()`.
 */
import type { LocalText } from '../status-model';

export const UI_TEXT = {
  'app.name': { ja: 'マイナンバーカード ブリッジ', en: 'My Number Card Bridge' },
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
  'next.blocked': { ja: '使えるリーダーとほかの方法を、設定画面で詳しくご案内します。', en: 'The setup page explains which readers work and the alternatives.' },
  'next.busy': { ja: 'リーダーを空ける手順を、お使いの OS に合わせて設定画面でご案内します。', en: 'The setup page shows how to free the reader on your system.' },
  'next.busy.linux': {
    ja: 'Linux では pcscd がリーダーを使っています。次のコマンドで止めてから「再確認」を押してください。',
    en: 'On Linux, pcscd holds the reader. Stop it with this command, then press “Check again”.',
  },
  'next.busy.mac': {
    ja: 'macOS のスマートカード機能がリーダーを使っています。ターミナルで次を実行してから「再確認」を押してください。',
    en: 'macOS’s smart-card service holds the reader. Run this in Terminal, then press “Check again”.',
  },
  'next.busy.windows': {
    ja: 'Windows では、Chrome が開けるのは WinUSB ドライバーの機器だけです。ドライバーを替える手順と、そのときの注意を設定画面でご案内します。',
    en: 'On Windows, Chrome opens only devices on the WinUSB driver. The setup page shows how to switch the driver and what that costs.',
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

  'setup.title': { ja: 'カードリーダーの設定', en: 'Card reader setup' },
  'setup.lead': {
    ja: 'USB のカードリーダーを、この拡張機能で使えるようにします。設定は最初の一度だけです。',
    en: 'Let this extension use your USB card reader. You only need to do this once.',
  },
  'setup.howTitle': { ja: 'これから行うこと', en: 'What happens next' },
  'setup.how1': { ja: 'カードリーダーをパソコンの USB につなぎます。', en: 'Plug the card reader into a USB port.' },
  'setup.how2': {
    ja: '「リーダーを選ぶ」を押すと、Chrome が USB 機器の一覧を出します。お使いのリーダーを選んで「接続」を押してください。',
    en: 'Press “Choose reader”. Chrome lists USB devices: pick your reader and press “Connect”.',
  },
  'setup.how3': { ja: 'この拡張機能がリーダーを試して、使えるかどうかをお知らせします。', en: 'The extension tries the reader and tells you whether it works.' },
  'setup.privacy': {
    ja: '選んだリーダー以外の USB 機器には接続しません。この画面ではカードの中身も読みません。許可は下の一覧からいつでも取り消せます。',
    en: 'No other USB device is touched, and this page does not read your card. You can withdraw the permission below at any time.',
  },
  'setup.choose': { ja: 'リーダーを選ぶ', en: 'Choose reader' },
  'setup.trying': { ja: 'リーダーを試しています…', en: 'Trying the reader…' },
  'setup.retry': { ja: 'もう一度試す', en: 'Try again' },
  'setup.virtualNote': {
    ja: '仮想ビルドです。仮想リーダーは最初からつながっていて、下の一覧に出ています。「リーダーを選ぶ」では本物の USB 機器だけが表示されます。',
    en: 'Virtual build: the virtual reader is connected from the start and listed below. “Choose reader” shows only real USB devices.',
  },
  'setup.noUsb': {
    ja: 'このブラウザーでは USB 機器を使えません（WebUSB がありません）。パソコン版の Chrome 118 以降でお使いください。',
    en: 'This browser cannot use USB devices (no WebUSB). Please use desktop Chrome 118 or later.',
  },

  'verdict.ready.title': { ja: 'このリーダーは使えます', en: 'This reader works' },
  'verdict.ready.body': {
    ja: 'マイナンバーカードを差し込み、ツールバーの拡張機能のアイコンを押すと、カードの状態を確認できます。',
    en: 'Insert your My Number Card, then press the extension’s toolbar icon to see its status.',
  },
  'verdict.cancelled.title': { ja: 'リーダーが選ばれませんでした', en: 'No reader was chosen' },
  'verdict.cancelled.body': {
    ja: '一覧にリーダーが出てこないときは、USB につなぎ直してから、もう一度「リーダーを選ぶ」を押してください。',
    en: 'If your reader is not in the list, plug it in again and press “Choose reader” once more.',
  },
  'verdict.protected.title': { ja: 'Chrome がこのリーダーの使用を認めていません', en: 'Chrome does not allow this reader' },
  'verdict.protected.why': {
    ja: 'Chrome は安全のため、一般的な IC カードリーダー（USB の「スマートカード」クラス）を拡張機能から使えないようにしています。設定で変えることはできません。',
    en: 'For security, Chrome does not let extensions use standard smart-card readers (the USB “Smart Card” class). No setting changes this.',
  },
  'verdict.protected.worksTitle': { ja: 'この拡張機能で使えるリーダー', en: 'Readers this extension can use' },
  'verdict.protected.works1': { ja: 'NTTコミュニケーションズ版 SCR3310-NTTCom（04E6:511A）', en: 'NTT Communications SCR3310-NTTCom (04E6:511A)' },
  'verdict.protected.works2': { ja: 'NTTコミュニケーションズ版 SCR331-DI-NTTCom（04E6:5120）', en: 'NTT Communications SCR331-DI-NTTCom (04E6:5120)' },
  'verdict.protected.altTitle': { ja: 'お手持ちのリーダーを使うには', en: 'To use the reader you have' },
  'verdict.protected.alt1': {
    ja: '公的個人認証サービスの「利用者クライアントソフト」（J-LIS）を使う。e-Tax やマイナポータルは、このソフトでお使いのリーダーに対応しています。',
    en: 'Use the JPKI user client software from J-LIS; e-Tax and Mynaportal work with your reader through it.',
  },
  'verdict.protected.alt2': { ja: 'スマートフォンでマイナポータルアプリを使う。', en: 'Use the Mynaportal app on a smartphone.' },
  'verdict.protected.alt3': { ja: 'Chromebook では「Smart Card Connector」拡張機能を使う。', en: 'On a Chromebook, use the Smart Card Connector extension.' },
  'verdict.busy.title': { ja: '別のソフトがリーダーを使っています', en: 'Another program holds the reader' },
  'verdict.busy.body': {
    ja: 'パソコンの OS やほかのソフトがリーダーを使っているため、Chrome から開けません。お使いの OS の手順で空けてから、「もう一度試す」を押してください。',
    en: 'The operating system or another program holds the reader, so Chrome cannot open it. Free it with the steps for your system, then press “Try again”.',
  },
  'verdict.noPermission.title': { ja: 'リーダーを使う許可がありません', en: 'No permission to use the reader' },
  'verdict.noPermission.body': {
    ja: '「リーダーを選ぶ」をもう一度押し、一覧からリーダーを選んで「接続」を押してください。Linux では USB 機器の権限も必要です（下の手順）。',
    en: 'Press “Choose reader” again, pick the reader and press “Connect”. On Linux the USB device also needs permission (steps below).',
  },
  'verdict.error.title': { ja: 'リーダーを試せませんでした', en: 'The reader could not be tried' },

  'os.title': { ja: 'お使いの OS（{os}）での手順', en: 'Steps for your system ({os})' },
  'os.others': { ja: 'ほかの OS の手順', en: 'Steps for other systems' },
  'os.windows': { ja: 'Windows', en: 'Windows' },
  'os.mac': { ja: 'macOS', en: 'macOS' },
  'os.linux': { ja: 'Linux', en: 'Linux' },
  'os.windows.1': {
    ja: 'Chrome が開けるのは WinUSB ドライバーの機器だけです。Zadig（zadig.akeo.ie）で、このリーダーのドライバーを WinUSB に替えます。',
    en: 'Chrome opens only devices on the WinUSB driver. Use Zadig (zadig.akeo.ie) to switch this reader’s driver to WinUSB.',
  },
  'os.windows.2': {
    ja: '替えると、利用者クライアントソフトなどはこのリーダーを使えなくなります。戻すには、デバイス マネージャーでリーダーを「デバイスのアンインストール」（ドライバーも削除）してからつなぎ直します。',
    en: 'The JPKI client software can then no longer use this reader. To undo it, uninstall the device (and its driver) in Device Manager and plug it in again.',
  },
  'os.windows.3': { ja: 'リーダーをつなぎ直して、「もう一度試す」を押します。', en: 'Plug the reader in again and press “Try again”.' },
  'os.mac.1': { ja: 'macOS のスマートカード機能がリーダーを使っています。ターミナルで次を実行します:', en: 'macOS’s smart-card service holds the reader. In Terminal, run:' },
  'os.mac.2': { ja: 'リーダーをつなぎ直して、「もう一度試す」を押します。', en: 'Plug the reader in again and press “Try again”.' },
  'os.linux.1': { ja: 'pcscd がリーダーを使っています。止めるには:', en: 'pcscd holds the reader. Stop it with:' },
  'os.linux.2': { ja: 'Chrome に USB 機器の権限を与える udev ルールを追加します（例: /etc/udev/rules.d/70-card-reader.rules）:', en: 'Give Chrome access to the USB device with a udev rule (e.g. /etc/udev/rules.d/70-card-reader.rules):' },
  'os.linux.3': { ja: 'ルールを読み込み、リーダーをつなぎ直して、「もう一度試す」を押します:', en: 'Reload the rules, plug the reader in again and press “Try again”:' },
  'os.linux.note': {
    ja: 'pcscd を止めている間は、ほかのスマートカード用ソフトも使えません。戻すには sudo systemctl start pcscd.socket を実行します。',
    en: 'While pcscd is stopped, other smart-card software cannot work. Restart it with sudo systemctl start pcscd.socket.',
  },

  'paired.title': { ja: '許可したリーダー', en: 'Readers you allowed' },
  'paired.none': { ja: 'まだありません。', en: 'None yet.' },
  'paired.forget': { ja: '許可を取り消す', en: 'Remove permission' },
  'paired.forgetLabel': { ja: '{name} の許可を取り消す', en: 'Remove permission for {name}' },
  'paired.forgotten': { ja: '{name} の許可を取り消しました。', en: 'Permission for {name} removed.' },
  'paired.verdict.ready': { ja: '使えます', en: 'Works' },
  'paired.verdict.protected-class': { ja: 'Chrome が不許可', en: 'Blocked by Chrome' },
  'paired.verdict.os-busy': { ja: '別のソフトが使用中', en: 'Held by another program' },
  'paired.verdict.no-permission': { ja: '許可なし', en: 'No permission' },
  'paired.verdict.unsupported': { ja: '未対応', en: 'Not supported' },
  'paired.verdict.error': { ja: '確認できません', en: 'Could not check' },

  'badge.ok': { ja: '問題はありません', en: 'All is well' },
  'badge.noReader': { ja: 'カードリーダーがつながっていません', en: 'No card reader connected' },
  'badge.noCard': { ja: 'カードが入っていません', en: 'No card in the reader' },
  'badge.reading': { ja: 'カードを読み取っています', en: 'Reading the card' },
} as const satisfies Record<string, LocalText>;

export type UiKey = keyof typeof UI_TEXT;
