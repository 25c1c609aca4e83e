/**
 * `npm run virtual-card:pcsc`: puts the virtual My Number Card into pcscd's vpcd reader
 * ("Virtual PCD 00 00"), so any PC/SC program — OpenSC, the official JPKI client on
 * Linux, our own tools — sees a card. Stays in the foreground until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { hex } from '../src/bytes';
import { redactSecrets } from '../src/wire-log';
import { startVpcdClient, VPCD_CLIENT_DEFAULTS, type VpcdCard, type VpcdEvent, type VpcdLinkEvent } from '../src/virtual/pcsc/index';
import { isListening, runningPcscdPid } from './pcscd';

const HELP = `npm run virtual-card:pcsc -- [options]

仮想マイナンバーカードを pcscd の vpcd リーダー ("Virtual PCD 00 00") に挿入します。
Inserts the virtual My Number Card into pcscd's vpcd reader ("Virtual PCD 00 00").
Ctrl-C で終了 / Ctrl-C to stop.

  --host <addr>          vpcd のアドレス / vpcd address      (default ${VPCD_CLIENT_DEFAULTS.host})
  --port <n>             vpcd のポート / vpcd port            (default ${VPCD_CLIENT_DEFAULTS.port}; slot 1 = 35964)
  --auth-pin <pin>       利用者証明用PIN / authentication PIN  (default 1234)
  --sign-password <pw>   署名用パスワード / signing password    (default ABC123)
  --no-sign-cert         署名用電子証明書なし (15歳未満) / no signing certificate (under 15)
  --trace                APDU を表示 (PIN は伏字) / print every APDU (PINs redacted)
  -h, --help             このヘルプ / this help

前提 / Needs: pcscd と vsmartcard-vpcd (Debian: apt-get install pcscd vsmartcard-vpcd), pcscd running.
試す / Try:   opensc-tool -l ; pkcs15-tool --list-certificates ; pkcs11-tool --module /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so -L
`;

function say(ja: string, en: string): void {
  console.log(`${ja} / ${en}`);
}

interface Options {
  host: string;
  port: number;
  authPin: string;
  signPassword: string;
  signCertificate: boolean;
  trace: boolean;
}

function readOptions(): Options | undefined {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: VPCD_CLIENT_DEFAULTS.host },
      port: { type: 'string', default: String(VPCD_CLIENT_DEFAULTS.port) },
      'auth-pin': { type: 'string', default: '1234' },
      'sign-password': { type: 'string', default: 'ABC123' },
      'no-sign-cert': { type: 'boolean', default: false },
      trace: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return undefined;
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 0xffff) throw new TypeError(`--port must be 1..65535, got ${values.port}`);
  return {
    host: values.host,
    port,
    authPin: values['auth-pin'],
    signPassword: values['sign-password'],
    signCertificate: !values['no-sign-cert'],
    trace: values.trace,
  };
}

async function makeCard(o: Options): Promise<VpcdCard> {
  const { createVirtualCard } = await import('../src/virtual/index');
  return createVirtualCard({ pins: { auth: o.authPin, sign: o.signPassword }, signCertificate: o.signCertificate });
}

/** pcscd's name for vpcd slot n is "Virtual PCD 00 0n"; slot n listens on 35963 + n. */
function readerName(port: number): string {
  const slot = port - VPCD_CLIENT_DEFAULTS.port;
  return slot >= 0 && slot < 10 ? `Virtual PCD 00 0${slot}` : 'Virtual PCD';
}

/** ms to wait for vpcd's first poll before suspecting the slot is held by another card. */
const SERVED_WARNING_MS = 3_000;

function onLink(o: Options): (e: VpcdLinkEvent) => void {
  let waitingShown = false;
  let servedTimer: ReturnType<typeof setTimeout> | undefined;
  return (e) => {
    if (e.kind === 'connected') {
      waitingShown = false;
      servedTimer = setTimeout(() => {
        say(`接続しましたが pcscd から応答がありません。別のカードがこのスロットを使っていませんか (--port ${o.port + 1} を試す)`,
          `connected, but pcscd has not polled the card for ${SERVED_WARNING_MS / 1000} s: is another virtual card in this slot? (try --port ${o.port + 1})`);
      }, SERVED_WARNING_MS);
    } else if (e.kind === 'served') {
      clearTimeout(servedTimer);
      say(`pcscd に接続しました。カードは "${readerName(o.port)}" にあります`, `connected to pcscd; the card is in reader "${readerName(o.port)}" (${o.host}:${o.port})`);
    } else if (e.kind === 'disconnected') {
      clearTimeout(servedTimer);
      say('pcscd との接続が切れました。再接続します', `lost pcscd (${e.reason}); reconnecting`);
    } else if (e.kind === 'connecting' && e.attempt >= 2 && !waitingShown) {
      // Only after a failed attempt: the first one usually just succeeds.
      waitingShown = true;
      const hint = runningPcscdPid() === undefined
        ? 'pcscd が動いていません (root で `pcscd` を実行) / pcscd is not running (run `pcscd` as root)'
        : isListening(o.port)
          ? `vpcd は待ち受けていますが接続できません。別のカードがこのスロットを使っていませんか (--port ${o.port + 1}) / vpcd listens but does not take us: another card in this slot? (try --port ${o.port + 1})`
          : `pcscd は動いていますが vpcd のポート ${o.port} が開いていません / pcscd runs but vpcd port ${o.port} is not open (is vsmartcard-vpcd installed? restart pcscd)`;
      say('pcscd を待っています…', `waiting for pcscd at ${e.host}:${e.port}…`);
      if (hint) console.log(`  ${hint}`);
    }
  };
}

function onEvent(o: Options): (e: VpcdEvent) => void {
  return (e) => {
    if (e.kind === 'power-on') say('カードに電源が入りました', `card powered on, ATR ${hex(e.atr ?? new Uint8Array(0))}`);
    else if (e.kind === 'power-off') say('カードの電源が切れました (PIN の照合状態は消えます)', 'card powered off (verified PINs are forgotten)');
    else if (e.kind === 'reset') say('カードをリセットしました', 'card reset');
    else if (e.kind === 'card-error') say('カードが応答しませんでした (6F00 を返します)', `card failed (answered 6F00): ${e.error instanceof Error ? e.error.message : String(e.error)}`);
    else if (e.kind === 'ignored') say('不明なメッセージを無視しました', `ignored a vpcd message (${e.reason})`);
    else if (e.kind === 'apdu' && o.trace) console.log(`  > ${redactSecrets(e.command)}\n  < ${hex(e.response)}  (${e.ms} ms)`);
  };
}

async function main(): Promise<void> {
  const o = readOptions();
  if (!o) {
    console.log(HELP);
    return;
  }
  say('仮想マイナンバーカードを作成しています…', 'creating the virtual My Number Card…');
  const card = await makeCard(o);
  say(`テスト用カード: 利用者証明用PIN ${o.authPin}、署名用パスワード ${o.signPassword}`, `test card: authentication PIN ${o.authPin}, signing password ${o.signPassword}`);
  const client = startVpcdClient(card, { host: o.host, port: o.port, onLink: onLink(o), onEvent: onEvent(o) });
  const stop = (): void => {
    say('終了します', 'stopping');
    void client.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exit(1);
});
