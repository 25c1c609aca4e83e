/**
 * A test CA shaped like the two real JPKI CAs (jpki-protocol §5): self-signed RSA-2048
 * roots with sha256WithRSAEncryption, keyUsage critical keyCertSign+cRLSign,
 * basicConstraints critical CA:TRUE. It issues the card's authentication and signing
 * certificates with the real profile's extensions. Every name says TEST: nothing it
 * signs may ever be trusted, and its keys are public (test-keys.ts).
 */
import { OID } from '../../card/index';
import { loadTestKey, type TestKeyPair } from './keys';
import {
  basicConstraintsCaExtension, issuerAltNameExtension, keyIdExtensions, keyUsageExtension, KEY_USAGE,
  otherNamesExtension, parseSpki, policyExtension, signCertificate, type NamePart,
} from './x509-builder';

export interface HolderCertificateRequest {
  /** DER SubjectPublicKeyInfo of the card's key. */
  readonly subjectSpki: Uint8Array;
  /** The opaque subject CN (23 characters on a real card, jpki-protocol §5). */
  readonly subjectCn: string;
  /** Positive serial number, big-endian. */
  readonly serial: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

export interface SignCertificateRequest extends HolderCertificateRequest {
  /** Romanized locality for the subject DN (only the signing certificate has one). */
  readonly locality: string;
  /** subjectAltName otherNames as [type-id, UTF8String value], in the order to write. */
  readonly otherNames: readonly (readonly [string, string])[];
}

export interface TestCa {
  /** DER of the test root for user authentication (EF 000B). */
  readonly authCaCertificate: Uint8Array;
  /** DER of the test root for digital signature (EF 0002). */
  readonly signCaCertificate: Uint8Array;
  issueAuthCertificate(request: HolderCertificateRequest): Promise<Uint8Array>;
  issueSignCertificate(request: SignCertificateRequest): Promise<Uint8Array>;
}

const TEST_O = 'JPKI TEST CA - NOT TRUSTED';
const TEST_OU = 'My Number Card Bridge virtual card';
const AUTH_CA_NAME: readonly NamePart[] = [['C', 'JP'], ['O', TEST_O], ['OU', 'TEST JPKI for user authentication'], ['OU', TEST_OU]];
const SIGN_CA_NAME: readonly NamePart[] = [['C', 'JP'], ['O', TEST_O], ['OU', 'TEST JPKI for digital signature'], ['OU', TEST_OU]];
/** The real one is C=JP, O=公的個人認証サービス (jpki-protocol §5); marked as a test here. */
const ISSUER_ALT_NAME: readonly NamePart[] = [['C', 'JP'], ['O', '公的個人認証サービス（試験用）']];
/** On the sign policy per a synthetic fixture (jpki-protocol §5, UNCONFIRMED on a real certificate). */
const CPS_URI = 'http://www.jpki.go.jp/cps.html';
/** Wide enough for any issue date a test picks; a real generation runs about ten years. */
const CA_NOT_BEFORE = new Date('2014-12-31T15:00:00Z');
const CA_NOT_AFTER = new Date('2049-12-31T14:59:59Z');
const CA_SERIAL = Object.freeze({ auth: Uint8Array.of(0x7e, 0x57, 0xa1), sign: Uint8Array.of(0x7e, 0x57, 0x51) });

async function issueRoot(key: TestKeyPair, name: readonly NamePart[], serial: Uint8Array): Promise<Uint8Array> {
  const spki = parseSpki(key.spki);
  const [, ski] = await keyIdExtensions(spki, spki);
  return signCertificate({
    serial, issuer: name, subject: name, notBefore: CA_NOT_BEFORE, notAfter: CA_NOT_AFTER, subjectSpki: key.spki,
    extensions: [basicConstraintsCaExtension(), keyUsageExtension(KEY_USAGE.keyCertSign | KEY_USAGE.cRLSign), ski!],
  }, key.privateKey);
}

class JpkiTestCa implements TestCa {
  constructor(
    private readonly authKey: TestKeyPair,
    private readonly signKey: TestKeyPair,
    readonly authCaCertificate: Uint8Array,
    readonly signCaCertificate: Uint8Array,
  ) {}

  async issueAuthCertificate(r: HolderCertificateRequest): Promise<Uint8Array> {
    // The authentication certificate carries no personal data (jpki-protocol §5, rules X1).
    return signCertificate({
      serial: r.serial, issuer: AUTH_CA_NAME, subject: [['C', 'JP'], ['CN', r.subjectCn]],
      notBefore: r.notBefore, notAfter: r.notAfter, subjectSpki: r.subjectSpki,
      extensions: [
        keyUsageExtension(KEY_USAGE.digitalSignature),
        policyExtension(OID.policyAuth),
        issuerAltNameExtension(ISSUER_ALT_NAME),
        ...(await keyIdExtensions(parseSpki(r.subjectSpki), parseSpki(this.authKey.spki))),
      ],
    }, this.authKey.privateKey);
  }

  async issueSignCertificate(r: SignCertificateRequest): Promise<Uint8Array> {
    return signCertificate({
      serial: r.serial, issuer: SIGN_CA_NAME, subject: [['C', 'JP'], ['L', r.locality], ['CN', r.subjectCn]],
      notBefore: r.notBefore, notAfter: r.notAfter, subjectSpki: r.subjectSpki,
      extensions: [
        keyUsageExtension(KEY_USAGE.digitalSignature | KEY_USAGE.nonRepudiation),
        policyExtension(OID.policySign, CPS_URI),
        issuerAltNameExtension(ISSUER_ALT_NAME),
        otherNamesExtension(r.otherNames),
        ...(await keyIdExtensions(parseSpki(r.subjectSpki), parseSpki(this.signKey.spki))),
      ],
    }, this.signKey.privateKey);
  }
}

let shared: Promise<TestCa> | undefined;

async function buildTestCa(): Promise<TestCa> {
  const [authKey, signKey] = await Promise.all([loadTestKey('caAuth'), loadTestKey('caSign')]);
  const [authRoot, signRoot] = await Promise.all([
    issueRoot(authKey, AUTH_CA_NAME, CA_SERIAL.auth),
    issueRoot(signKey, SIGN_CA_NAME, CA_SERIAL.sign),
  ]);
  return new JpkiTestCa(authKey, signKey, authRoot, signRoot);
}

/**
 * The test CA. Its keys and certificates are fixed (RSA PKCS#1 v1.5 is deterministic),
 * so it is built once and shared; the roots are byte-identical on every call and run.
 */
export function createTestCa(): Promise<TestCa> {
  shared ??= buildTestCa().catch((e: unknown) => {
    shared = undefined;
    throw e;
  });
  return shared;
}
