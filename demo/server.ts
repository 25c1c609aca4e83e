/**
 * The demo site's server (issue 9 §5): Node's http module and src/verify, nothing else.
 * - GET /auth/challenge: a 256-bit nonce, single use, five minutes, bound to the session cookie;
 * - POST /auth/login {token}: verifyAuthToken against the trust anchors, then the session is logged in;
 * - POST /sign/prepare {certificate}: CAdES-BES signed attributes over the return, the hash to sign;
 * - POST /sign/finish {id, signature}: the detached CMS, verified, offered at /sign/p7s/<id>.
 * It imports only src/page (through the served library) and src/verify, as a real site would.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { X509Certificate, constants, publicDecrypt, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assembleSignedData, decodeBase64, encodeBase64, isVerifyError, prepareSignedAttributes, verifyAuthToken, verifyCms, verifySignature, type PreparedSignature } from '../src/verify/index';
import { LOGIN_PAGE, RETURN_DOCUMENT, RETURN_PAGE } from './pages';
import { PORTAL_PAGE } from './portal-page';

export interface DemoOptions {
  readonly port?: number;
  readonly host?: string;
  /** Roots for logins (the JPKI authentication CA; the virtual card's test CA in tests). */
  readonly authAnchors: readonly Uint8Array[];
  readonly signAnchors: readonly Uint8Array[];
  /** dist-page/ with mynumber-web-eid.js (npm run build:page). */
  readonly libraryDir: string;
}

export interface Demo {
  readonly origin: string;
  close(): Promise<void>;
}

const NONCE_TTL_MS = 5 * 60_000;
const MAX_BODY = 64 * 1024;

interface Session {
  nonce?: { readonly value: string; readonly issued: number };
  subject?: string;
  prepared: Map<string, PreparedSignature>;
  signed: Map<string, Uint8Array>;
}

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new RangeError('body too large');
    chunks.push(chunk as Buffer);
  }
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

function send(res: ServerResponse, status: number, type: string, content: string | Uint8Array, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(content);
}
const json = (res: ServerResponse, value: unknown, headers: Record<string, string> = {}): void => send(res, 200, 'application/json; charset=utf-8', JSON.stringify(value), headers);
const failure = (error: unknown): { ok: false; code: string } => ({ ok: false, code: isVerifyError(error) ? error.code : 'bad-request' });

export async function startDemo(options: DemoOptions): Promise<Demo> {
  const sessions = new Map<string, Session>();
  const library = await readFile(join(options.libraryDir, 'mynumber-web-eid.js'));
  let origin = '';

  const sessionOf = (req: IncomingMessage, res: ServerResponse): Session => {
    const id = /(?:^|;\s*)sid=([0-9a-f]{32})/.exec(req.headers.cookie ?? '')?.[1];
    const known = id === undefined ? undefined : sessions.get(id);
    if (known !== undefined) return known;
    const fresh = randomBytes(16).toString('hex');
    const session: Session = { prepared: new Map(), signed: new Map() };
    sessions.set(fresh, session);
    res.setHeader('set-cookie', `sid=${fresh}; HttpOnly; SameSite=Lax; Path=/`);
    return session;
  };

  const server = createServer((req, res) => {
    void (async () => {
      const session = sessionOf(req, res);
      const path = new URL(req.url ?? '/', origin).pathname;
      try {
        if (req.method === 'GET' && path === '/') return send(res, 200, 'text/html; charset=utf-8', LOGIN_PAGE);
        if (req.method === 'GET' && path === '/return') return send(res, 200, 'text/html; charset=utf-8', RETURN_PAGE);
        if (req.method === 'GET' && path === '/portal') return send(res, 200, 'text/html; charset=utf-8', PORTAL_PAGE);
        if (req.method === 'POST' && path === '/portal/check') return json(res, await checkPortal(await body(req), options));
        if (req.method === 'GET' && path === '/lib/mynumber-web-eid.js') return send(res, 200, 'text/javascript; charset=utf-8', library);
        if (req.method === 'GET' && path === '/auth/challenge') {
          session.nonce = { value: randomBytes(32).toString('base64'), issued: Date.now() };
          return json(res, { nonce: session.nonce.value });
        }
        if (req.method === 'POST' && path === '/auth/login') {
          const { token } = await body(req);
          // Single use: the nonce is gone whether the token verifies or not.
          const nonce = session.nonce;
          session.nonce = undefined;
          if (nonce === undefined || Date.now() - nonce.issued > NONCE_TTL_MS) return json(res, { ok: false, code: 'nonce-expired' });
          const login = await verifyAuthToken(token, { origin, nonce: nonce.value, trustAnchors: options.authAnchors, allowLocalHttp: true });
          session.subject = login.subject;
          return json(res, { ok: true, subject: login.subject });
        }
        if (req.method === 'POST' && path === '/sign/prepare') {
          if (session.subject === undefined) return json(res, { ok: false, code: 'not-logged-in' });
          const { certificate } = await body(req);
          const prepared = await prepareSignedAttributes(new TextEncoder().encode(RETURN_DOCUMENT), decodeBase64(String(certificate), 'certificate'), 'SHA-256');
          const id = randomBytes(8).toString('hex');
          session.prepared.set(id, prepared);
          return json(res, { ok: true, id, hash: encodeBase64(prepared.hashToSign), hashFunction: prepared.hashFunction });
        }
        if (req.method === 'POST' && path === '/sign/finish') {
          const { id, signature } = await body(req);
          const prepared = typeof id === 'string' ? session.prepared.get(id) : undefined;
          if (prepared === undefined) return json(res, { ok: false, code: 'unknown-signature' });
          session.prepared.delete(String(id));
          const cms = await assembleSignedData({ prepared, signature: decodeBase64(String(signature), 'signature'), certificate: prepared.certificate });
          const verified = await verifyCms({ cms, document: new TextEncoder().encode(RETURN_DOCUMENT), trustAnchors: options.signAnchors });
          session.signed.set(String(id), cms);
          return json(res, { ok: true, signer: verified.subject, download: `/sign/p7s/${String(id)}` });
        }
        const p7s = /^\/sign\/p7s\/([0-9a-f]{16})$/.exec(path);
        if (req.method === 'GET' && p7s !== null) {
          const cms = session.signed.get(p7s[1]!);
          if (cms === undefined) return send(res, 404, 'text/plain', 'not found');
          return send(res, 200, 'application/pkcs7-signature', cms, { 'content-disposition': 'attachment; filename="shinkoku.p7s"' });
        }
        send(res, 404, 'text/plain; charset=utf-8', 'not found');
      } catch (error) {
        json(res, failure(error));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  origin = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return { origin, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * What a portal server checks of a reply (issue 10 §5): each signature opens, under the
 * returned certificate's key, to exactly the bytes the page sent (the card signs them
 * verbatim); mode 02's certificate also chains to the signing roots. Mode 04's
 * attributes are the card's bytes in lower-case hex.
 */
async function checkPortal(request: Record<string, unknown>, options: DemoOptions): Promise<Record<string, unknown>> {
  const reply = (typeof request.reply === 'object' && request.reply !== null ? request.reply : {}) as Record<string, unknown>;
  if (request.mode === '04') {
    const text = (hex: unknown): string => Buffer.from(String(hex), 'hex').toString('utf8');
    return { ok: true, name: text(reply.name), birthday: text(reply.birthday), address: text(reply.address), sex: text(reply.sex) };
  }
  const digests = Array.isArray(request.digests) ? request.digests.map(String) : [];
  const signatures = request.mode === '02' ? (Array.isArray(reply.signature) ? reply.signature.map(String) : []) : [String(reply.signature)];
  if (digests.length === 0 || signatures.length !== digests.length) return { ok: false, code: 'count-mismatch' };
  const certificate = Buffer.from(String(reply.certificate), 'base64');
  const key = new X509Certificate(certificate).publicKey;
  for (const [i, digest] of digests.entries()) {
    const opened = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(signatures[i]!, 'base64'));
    if (!opened.equals(Buffer.from(digest, 'base64'))) return { ok: false, code: 'signature-invalid' };
  }
  if (request.mode === '02') {
    // A DigestInfo digest is a standard signature: verifySignature also checks the chain and the key usage.
    const info = Buffer.from(digests[0]!, 'base64');
    try {
      await verifySignature({ certificate, hash: info.subarray(info.length - 32), hashFunction: 'SHA-256', signature: decodeBase64(signatures[0]!, 'signature'), trustAnchors: options.signAnchors });
    } catch (error) {
      return failure(error);
    }
  }
  return { ok: true };
}
