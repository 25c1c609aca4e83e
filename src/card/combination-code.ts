/**
 * The portal's combination_code (portal-protocol §3.4, the port's
 * generate_combination_code): lower-case hex of SHA-256(salt ‖ manufacture number's
 * ASCII ‖ the 16 install-id bytes). The salt is the port's constant; where it came from
 * is not stated (presumably the official app).
 */
import { concat, fromHex, lowerHex, toArrayBuffer } from '../bytes';
import { CardInputError } from './errors';

const SALT = fromHex('2e71f6620bc654ced494e5ec34fe03c8');
const MANUFACTURE_NUMBER_LENGTH = 13;
const INSTALL_ID_LENGTH = 16;

/**
 * `subtle` is the WebCrypto engine, `crypto.subtle` in the browser and in Node. It is
 * the caller's, with no default: the card layer reaches no host global (STYLE §15,
 * test/rules/purity.test.ts). Inputs of the wrong shape are a CardInputError: a code
 * from a wrong number would only be refused by the portal later, without saying why.
 */
export async function combinationCode(manufactureNumber: string, installId: Uint8Array, subtle: SubtleCrypto): Promise<string> {
  if (typeof manufactureNumber !== 'string' || !/^[\x21-\x7e]{13}$/.test(manufactureNumber)) {
    throw new CardInputError(`the manufacture number is ${MANUFACTURE_NUMBER_LENGTH} printable ASCII characters`);
  }
  if (!(installId instanceof Uint8Array) || installId.length !== INSTALL_ID_LENGTH) {
    throw new CardInputError(`the install id is ${INSTALL_ID_LENGTH} bytes`, { length: installId instanceof Uint8Array ? installId.length : -1 });
  }
  const input = concat(SALT, new TextEncoder().encode(manufactureNumber), installId);
  return lowerHex(new Uint8Array(await subtle.digest('SHA-256', toArrayBuffer(input))));
}
