/**
 * The demo site's pages (issue 9 §5): an e-Tax-style flow in Japanese — log in with the
 * card, then sign a return and submit it. The browser side uses only our page library
 * (served at /lib/mynumber-web-eid.js); the server verifies everything with src/verify.
 * This is the example a site copies from, so it is written plainly.
 */
const STYLE = `
  body { font-family: 'Noto Sans CJK JP', 'Noto Sans JP', system-ui, sans-serif; margin: 0; background: #f3f6f9; color: #1c2024; }
  header { background: #0f3f80; color: #fff; padding: 12px 20px; font-weight: 700; }
  main { max-width: 640px; margin: 24px auto; background: #fff; border: 1px solid #dde1e6; border-radius: 10px; padding: 20px 24px; }
  h1 { font-size: 20px; margin: 0 0 12px; }
  button { font: inherit; font-weight: 700; background: #1a56a8; color: #fff; border: 0; border-radius: 8px; padding: 10px 18px; cursor: pointer; }
  pre { background: #f6f7f9; padding: 10px; border-radius: 8px; white-space: pre-wrap; }
  .ok { color: #1e6b34; font-weight: 700; } .ng { color: #a8231b; font-weight: 700; }
`;

function page(title: string, body: string, script: string): string {
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>${title} — デモ申告サイト</title><style>${STYLE}</style></head>
<body><header>デモ申告サイト（テスト用）</header><main>${body}<p id="result" role="status"></p></main>
<script type="module">
import * as webeid from '/lib/mynumber-web-eid.js';
const result = document.getElementById('result');
const show = (text, ok) => { result.textContent = text; result.className = ok ? 'ok' : 'ng'; };
const post = async (url, body) => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
${script}
</script></body></html>`;
}

export const LOGIN_PAGE = page(
  'ログイン',
  `<h1>ログイン</h1><p>マイナンバーカードをカードリーダーに置いて、ボタンを押してください。暗証番号は拡張機能の画面に入力します。</p>
   <button id="login">マイナンバーカードでログイン</button>`,
  `document.getElementById('login').addEventListener('click', async () => {
  try {
    const { nonce } = await (await fetch('/auth/challenge')).json();
    const token = await webeid.authenticate(nonce);
    const answer = await post('/auth/login', { token });
    if (answer.ok) { show('ログインしました：' + answer.subject, true); location.href = '/return'; }
    else show('ログインできませんでした（' + answer.code + '）', false);
  } catch (e) { show('ログインできませんでした（' + (e.code || e.message) + '）', false); }
});`,
);

/** The return the server keeps and signs over: the page only shows it. */
export const RETURN_DOCUMENT = `令和8年分 所得税及び復興特別所得税の申告書（デモ）
給与収入 5,000,000円
源泉徴収税額 150,000円`;

export const RETURN_PAGE = page(
  '申告書の提出',
  `<h1>申告書の提出</h1><p>次の内容に電子署名して提出します。</p><pre id="doc">${RETURN_DOCUMENT}</pre>
   <button id="sign">電子署名して提出</button> <a id="download" hidden>署名ファイル（.p7s）</a>`,
  `document.getElementById('sign').addEventListener('click', async () => {
  try {
    const { certificate } = await webeid.getSigningCertificate();
    const prepared = await post('/sign/prepare', { certificate });
    if (!prepared.ok) return show('提出できませんでした（' + prepared.code + '）', false);
    const { signature } = await webeid.sign(certificate, prepared.hash, prepared.hashFunction);
    const done = await post('/sign/finish', { id: prepared.id, signature });
    if (!done.ok) return show('提出できませんでした（' + done.code + '）', false);
    show('提出しました。署名を確認しました：' + done.signer, true);
    const link = document.getElementById('download');
    link.href = done.download; link.download = 'shinkoku.p7s'; link.hidden = false;
  } catch (e) { show('提出できませんでした（' + (e.code || e.message) + '）', false); }
});`,
);
