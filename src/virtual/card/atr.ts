/**
 * The contact ATR the virtual card answers to a power-on: a real My Number Card's,
 * listed in pcsc-tools' smartcard_list.txt (jpki-protocol §7):
 *   3B  TS direct convention
 *   C5  T0: TC1 and TD1 follow, 5 historical bytes
 *   FF  TC1: extra guard time 255 (the minimum character distance for T=1)
 *   81  TD1: TD2 follows, T=1
 *   31  TD2: TA3 and TB3 follow, T=1
 *   FB  TA3: IFSC 251
 *   45  TB3: BWI 4, CWI 5
 *   80 73 C6 01 00  historical bytes: category 80, card capabilities 73 C6 01 00
 *                   (no extended Lc/Le, no command chaining advertised)
 *   00  TCK: XOR of T0..TCK is 0 (checked by the tests)
 * The other contact ATR in the facts advertises extended length; this card is the one
 * that does not, matching the short APDUs every JPKI client sends.
 */
import { fromHex } from '../../bytes';

export const MY_NUMBER_CARD_CONTACT_ATR_HEX = '3B C5 FF 81 31 FB 45 80 73 C6 01 00 00';

export function myNumberCardAtr(): Uint8Array {
  return fromHex(MY_NUMBER_CARD_CONTACT_ATR_HEX);
}
