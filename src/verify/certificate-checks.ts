/**
 * The certificate checks a login and a signature share, each failing with its own
 * class (STYLE §16): readable, inside its validity at `now`, and chaining to one of the
 * site's trust anchors. JPKI roots of every generation share one DN (jpki-protocol §5),
 * so anchors are matched by signature, which pkijs's path builder does.
 */
import * as pkijs from 'pkijs';
import { CertificateParseError, parseCertificate, type ParsedCertificate } from '../card/index';
import {
  CertificateExpiredError, CertificateMalformedError, CertificateNotYetValidError, CertificateUntrustedError, VerifyArgumentError,
} from './errors';

let engine: pkijs.CryptoEngine | undefined;

/** pkijs over the runtime's WebCrypto (Node 20, browsers), passed explicitly so no global engine is needed. */
function cryptoEngine(): pkijs.CryptoEngine {
  engine ??= new pkijs.CryptoEngine({ name: 'webcrypto', crypto: globalThis.crypto });
  return engine;
}

export function readCertificate(der: unknown, what: string): ParsedCertificate {
  if (!(der instanceof Uint8Array)) throw new CertificateMalformedError(`${what} is not bytes`);
  try {
    return parseCertificate(der);
  } catch (e) {
    if (e instanceof CertificateParseError) throw new CertificateMalformedError(`${what}: ${e.message}`, {}, { cause: e });
    throw e;
  }
}

export function checkValidity(cert: ParsedCertificate, now: Date): void {
  const details = { notBefore: cert.notBefore.toISOString(), notAfter: cert.notAfter.toISOString(), now: now.toISOString() };
  if (now < cert.notBefore) throw new CertificateNotYetValidError(`the certificate is valid only from ${details.notBefore}`, details);
  if (now > cert.notAfter) throw new CertificateExpiredError(`the certificate expired at ${details.notAfter}`, details);
}

function pkijsCertificate(der: Uint8Array, what: string): pkijs.Certificate {
  try {
    return pkijs.Certificate.fromBER(der.slice());
  } catch (e) {
    throw new VerifyArgumentError(`${what} is not a certificate`, {}, { cause: e });
  }
}

function anchorsOf(trustAnchors: unknown): pkijs.Certificate[] {
  if (!Array.isArray(trustAnchors) || trustAnchors.length === 0) throw new VerifyArgumentError('trustAnchors must be a non-empty array of DER certificates');
  return trustAnchors.map((der: unknown, i) => {
    if (!(der instanceof Uint8Array)) throw new VerifyArgumentError(`trust anchor ${i} is not bytes`);
    return pkijsCertificate(der, `trust anchor ${i}`);
  });
}

/** The engine reports failure by a result object or by throwing one; both become CertificateUntrustedError. */
function untrusted(reason: unknown): CertificateUntrustedError {
  const message = typeof reason === 'object' && reason !== null && 'resultMessage' in reason ? String(reason.resultMessage)
    : reason instanceof Error ? reason.message : String(reason);
  return new CertificateUntrustedError(`the certificate does not chain to a trust anchor: ${message}`, { reason: message });
}

/**
 * A path from `cert` through `intermediates` to an anchor, valid at `now`. Revocation is
 * not checked: pkijs treats every certificate as unrevoked without CRLs (anchors §4), and
 * JPKI revocation needs J-LIS access (anchors §2.1).
 */
export async function checkChain(cert: ParsedCertificate, trustAnchors: unknown, now: Date, intermediates: unknown = []): Promise<void> {
  const trustedCerts = anchorsOf(trustAnchors);
  if (!Array.isArray(intermediates)) throw new VerifyArgumentError('intermediates must be an array of DER certificates');
  const chain = intermediates.map((der: unknown, i) => {
    if (!(der instanceof Uint8Array)) throw new VerifyArgumentError(`intermediate ${i} is not bytes`);
    return pkijsCertificate(der, `intermediate ${i}`);
  });
  // The engine takes the last of `certs` as the certificate whose path it builds.
  const validation = new pkijs.CertificateChainValidationEngine({ trustedCerts, certs: [...chain, pkijsCertificate(cert.der, 'certificate')], checkDate: now });
  let result: pkijs.CertificateChainValidationEngineVerifyResult;
  try {
    result = await validation.verify({}, cryptoEngine());
  } catch (e) {
    throw untrusted(e);
  }
  if (!result.result) throw untrusted(result);
}
