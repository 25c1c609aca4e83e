/**
 * The demo portal page (issue 10 §5): behaves as a government portal page does
 * (facts portal-protocol.md) — it looks for the two hidden inputs, dispatches `launchApp`
 * with a JSON string and reads the one `recvMsg` — written from the facts as a site
 * would, without the extension's code. The server checks each signature against the
 * certificate that came with it and shows the card's four attributes.
 */
export const PORTAL_PAGE = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>デモポータル</title>
<style>body{font-family:'Noto Sans CJK JP',system-ui,sans-serif;margin:0;background:#f3f6f9}header{background:#0f3f80;color:#fff;padding:12px 20px;font-weight:700}
main{max-width:640px;margin:24px auto;background:#fff;border:1px solid #dde1e6;border-radius:10px;padding:20px 24px}button{font:inherit;font-weight:700;background:#1a56a8;color:#fff;border:0;border-radius:8px;padding:10px 18px;margin:4px 4px 4px 0;cursor:pointer}
.ok{color:#1e6b34;font-weight:700}.ng{color:#a8231b;font-weight:700}</style></head>
<body><header>デモポータル（テスト用）</header><main>
<h1>マイナンバーカードで手続き</h1>
<p id="ready">拡張機能を確認しています…</p>
<button id="login">ログイン（利用者証明用）</button>
<button id="sign">電子署名（署名用・2件）</button>
<button id="info">券面事項の読み取り</button>
<p id="result" role="status"></p>
</main>
<script>
const result = document.getElementById('result');
const show = (text, ok) => { result.textContent = text; result.className = ok ? 'ok' : 'ng'; };
setTimeout(() => {
  const ext = document.getElementById('extension-is-installed');
  const app = document.getElementById('app-is-installed');
  document.getElementById('ready').textContent = ext && app ? '拡張機能とアプリが使えます（' + ext.value + ' / ' + app.value + '）' : '拡張機能が見つかりません';
}, 300);
function launch(request) {
  return new Promise((resolve) => {
    document.addEventListener('recvMsg', (e) => resolve(JSON.parse(e.detail)), { once: true });
    document.dispatchEvent(new CustomEvent('launchApp', { detail: JSON.stringify(request) }));
  });
}
async function sha256DigestInfo(text) {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  const prefix = [0x30,0x31,0x30,0x0d,0x06,0x09,0x60,0x86,0x48,0x01,0x65,0x03,0x04,0x02,0x01,0x05,0x00,0x04,0x20];
  return btoa(String.fromCharCode(...prefix, ...hash));
}
async function check(body) {
  return (await fetch('/portal/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
}
document.getElementById('login').addEventListener('click', async () => {
  const digest = await sha256DigestInfo('login ' + Date.now());
  const reply = await launch({ mode: '01', service_id: '01', digest });
  if (reply.result !== '0') return show('ログインできませんでした（' + reply.errcode + '）', false);
  const verdict = await check({ mode: '01', digests: [digest], reply });
  show(verdict.ok ? 'ログインの署名を確認しました' : '署名を確認できませんでした（' + verdict.code + '）', verdict.ok);
});
document.getElementById('sign').addEventListener('click', async () => {
  const digests = [await sha256DigestInfo('申請書 1'), await sha256DigestInfo('申請書 2')];
  const reply = await launch({ mode: '02', service_id: '01', digest: digests });
  if (reply.result !== '0') return show('署名できませんでした（' + reply.errcode + '）', false);
  const verdict = await check({ mode: '02', digests, reply });
  show(verdict.ok ? '2件の署名を確認しました' : '署名を確認できませんでした（' + verdict.code + '）', verdict.ok);
});
document.getElementById('info').addEventListener('click', async () => {
  const reply = await launch({ mode: '04', service_id: '01' });
  if (reply.result !== '0') return show('読み取れませんでした（' + reply.errcode + '）', false);
  const verdict = await check({ mode: '04', reply });
  show(verdict.ok ? '氏名：' + verdict.name + '　生年月日：' + verdict.birthday : '読み取れませんでした', verdict.ok);
});
</script></body></html>`;
