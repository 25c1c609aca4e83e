/**
 * COMPUTE DIGITAL SIGNATURE over bytes the caller gives, as they are (jpki-protocol
 * §3.5, P1=00): the card adds PKCS#1 v1.5 type 1 padding and nothing else. The portal
 * sends what is to be signed already built (portal-protocol §4, modes 01 and 02: the
 * decoded digest, verbatim), so this is the one signing path; JpkiCard.sign builds a
 * DigestInfo and comes through here too.
 */
import type { CommandApdu } from './apdu';
import type { CardChannel } from './card-channel';
import { CardResponseError, CardInputError } from './errors';
import { errorForStatus } from './status-errors';
import { SW } from './status-words';
import { CLA, EF, INS, P2_CURRENT_EF, SIGN_INPUT_MAX, SIGN_INPUT_MIN, SIGN_P1_PKCS1_DIGEST_INFO } from './jpki-constants';

export type KeyName = 'auth' | 'sign';

const KEY_EF: Readonly<Record<KeyName, number>> = Object.freeze({ auth: EF.authKey, sign: EF.signKey });
/** RSA-2048: the card's signature is always 256 bytes (jpki-protocol §5). */
const SIGNATURE_LENGTH = 256;

/**
 * SELECT the key EF (skipped when current), then `80 2A 00 80 Lc <data> 00`. The length
 * is checked first: bytes the card cannot pad would only come back as 6700 or 6985.
 * The key's PIN must have been verified in this power session (6982 otherwise).
 *
 * `bySfi`: `80 2A 00 (80|SFI)` names the key with no SELECT (facts §3.5, MC: the same
 * signature), saving an APDU after a login's PIN. A card that refuses the form (6A86)
 * gets the classic one: a signature carries no PIN, so sending it again costs nothing.
 */
export async function computeSignature(channel: CardChannel, key: KeyName, data: Uint8Array, options: { readonly bySfi?: boolean } = {}): Promise<Uint8Array<ArrayBuffer>> {
  if (typeof key !== 'string' || !Object.hasOwn(KEY_EF, key)) throw new CardInputError(`unknown key: ${String(key)}`, { key: String(key) });
  if (!(data instanceof Uint8Array)) throw new CardInputError('the bytes to sign must be a Uint8Array', { key });
  if (data.length < SIGN_INPUT_MIN || data.length > SIGN_INPUT_MAX) {
    throw new CardInputError(`the card signs ${SIGN_INPUT_MIN} to ${SIGN_INPUT_MAX} bytes, got ${data.length}`, { key, length: data.length });
  }
  const keyEf = KEY_EF[key];
  const command = (p2: number): CommandApdu => ({ cla: CLA.PROPRIETARY, ins: INS.COMPUTE_DIGITAL_SIGNATURE, p1: SIGN_P1_PKCS1_DIGEST_INFO, p2, data, le: SIGNATURE_LENGTH });
  const context = { operation: `sign with the ${key} key`, pin: key } as const;
  let signature: Uint8Array | undefined;
  if (options.bySfi === true && !channel.isCurrentEf(keyEf)) {
    const response = await channel.exchangeInApplicationOnce(command(P2_CURRENT_EF | keyEf));
    channel.forgetCurrentEf();
    if (response.sw === SW.OK) signature = response.data;
    else if (response.sw !== SW.INCORRECT_P1P2) throw errorForStatus(response.sw, context);
  }
  if (signature === undefined) {
    await channel.selectEf(keyEf);
    signature = await channel.expectOk(command(P2_CURRENT_EF), context);
  }
  if (signature.length !== SIGNATURE_LENGTH) {
    throw new CardResponseError(`sign with the ${key} key: signature is ${signature.length} bytes, not ${SIGNATURE_LENGTH}`);
  }
  return signature.slice();
}
