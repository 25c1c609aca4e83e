/**
 * TEST helper: Port-100 frames built here, with their own checksum arithmetic, never by the
 * encoder under test (STYLE §18). Hex spaced by field.
 */
import { fromHex } from '../../../src/bytes';

export const h = (text: string): Uint8Array => fromHex(text.replace(/\s+/g, ''));

const cs = (bytes: Uint8Array): number => (256 - (bytes.reduce((a, b) => a + b, 0) % 256)) % 256;

/** 00 00 FF FF FF LEN LCS DATA DCS 00. */
export function frame(data: string): Uint8Array {
  const d = h(data);
  const len = Uint8Array.of(d.length & 0xff, d.length >> 8);
  return Uint8Array.from([0x00, 0x00, 0xff, 0xff, 0xff, ...len, cs(len), ...d, cs(d), 0x00]);
}

/** A reader frame in the normal (short) form: 00 00 FF LEN LCS DATA DCS 00. */
export function normalFrame(data: string): Uint8Array {
  const d = h(data);
  return Uint8Array.from([0x00, 0x00, 0xff, d.length, (256 - d.length) % 256, ...d, cs(d), 0x00]);
}

export const ACK = h('00 00 FF 00 FF 00');
export const cmd = (data: string): Uint8Array => frame(`D6 ${data}`);
export const rsp = (data: string): Uint8Array => frame(`D7 ${data}`);

/** InCommRF with the RF timeout field (LE16, 0.1 ms) and the card's bytes. */
export const comm = (timeout: string, rf: string): Uint8Array => cmd(`04 ${timeout} ${rf}`);
/** InCommRF success: status 00000000, the skipped byte (nfcpy fixtures use 08), the card's bytes. */
export const commOk = (rf: string): Uint8Array => rsp(`05 00000000 08 ${rf}`);
/** InCommRF failure: just the status LE32 (nfcpy tests). */
export const commFail = (status: string): Uint8Array => rsp(`05 ${status}`);

/** The open sequence (facts §2.4): host ACK, GetCommandType, SetCommandType 1, GetFirmwareVersion 1.11, SwitchRF off. */
export const OPEN_STEPS = [
  { out: ACK },
  { out: cmd('28'), in: [ACK, rsp('29 00 00 00 00 00 00 00 03')] },
  { out: cmd('2A 01'), in: [ACK, rsp('2B 00')] },
  { out: cmd('20'), in: [ACK, rsp('21 11 01')] },
  { out: cmd('06 00'), in: [ACK, rsp('07 00')] },
];

/** InSetRF 106B, InSetProtocol defaults, InSetProtocol Type B (facts §2.5). */
export const TYPE_B_STEPS = [
  { out: cmd('00 03 07 0F 07'), in: [ACK, rsp('01 00')] },
  { out: cmd('02 00 18 01 01 02 01 03 00 04 00 05 00 06 00 07 08 08 00 09 00 0A 00 0B 00 0C 00 0E 04 0F 00 10 00 11 00 12 00 13 06'), in: [ACK, rsp('03 00')] },
  { out: cmd('02 0B 01 09 01 0C 01 0A 01 00 14'), in: [ACK, rsp('03 00')] },
];

/** An ATQB as a My Number Card sends it (facts §3.1): PUPI 11 22 33 44, AppData 00 00 05 E0, ProtInfo B3 81 A1. */
export const ATQB = '50 11223344 000005E0 B381A1';
/** 30 ms = (30 + 1) × 10 = 310 = 0x0136. */
export const T30 = '36 01';

/** FWI 10: 302.06 µs × 1024 + 3.62 ms frame delay = 312.94 ms → round((312.94 + 1) × 10) = 3139 = 0x0C43 (0.1 ms units). */
export const TFWT = '43 0C';

export const REQB_STEP = { out: comm(T30, '05 00 10'), in: [ACK, commOk(ATQB)] };
/** ATTRIB Param 2 A8: PICC→PCD 424 (b8..b7 = 10), PCD→PICC 424 (b6..b5 = 10), FSDI 8. */
export const ATTRIB_424 = '1D 11223344 00 A8 01 00';
/** InSetRF 424B (facts §2.5: 03 09 0F 09). */
export const RATE_424_STEP = { out: cmd('00 03 09 0F 09'), in: [ACK, rsp('01 00')] };
export const RATE_106_STEP = { out: cmd('00 03 07 0F 07'), in: [ACK, rsp('01 00')] };
/** The check after the switch: R(NAK) with block number 0, the card (block number 1) answers R(ACK) A3. */
export const RATE_CHECK_STEP = { out: comm(TFWT, 'B2'), in: [ACK, commOk('A3')] };

/** The activation at 424 kbit/s that an ATQB with B3 gets: REQB and ATTRIB at 106, then the switch and its check. */
export const ACTIVATE_STEPS = [
  ...TYPE_B_STEPS,
  REQB_STEP,
  { out: comm(T30, ATTRIB_424), in: [ACK, commOk('00')] },
  RATE_424_STEP,
  RATE_CHECK_STEP,
];
