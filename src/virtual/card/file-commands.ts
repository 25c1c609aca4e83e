/**
 * SELECT, READ BINARY and READ RECORD as the card answers them (jpki-protocol §3.1,
 * §3.2; portal-protocol §3.4 for READ RECORD).
 */
import { bytesEqual } from '../../bytes';
import type { CommandApdu } from '../../card/index';
import { AID, READ_RECORD_P2_BY_NUMBER, SELECT_P1, SELECT_P2_NO_FCI } from '../../card/index';
import { SW } from '../../card/index';
import { fileBySfi, fileOf, SFI_FLAG, status, type Answer, type AppName, type CardContents, type Session } from './session';

/** ISO 7816-4 SELECT P1=00: MF, DF or EF by file identifier. */
const SELECT_P1_BY_FID = 0x00;
/**
 * P2=00 asks for FCI. The card answering it is UNCONFIRMED (jpki-protocol §3.1); we accept
 * it and return no FCI, as with 0C.
 */
const SELECT_P2_FCI = 0x00;
/** ISO 7816-4: a DF name is 1 to 16 bytes. */
const MAX_DF_NAME = 16;
const FID_LENGTH = 2;
/** READ BINARY P1 bits 7–6 must be 0 in the short-EF form. */
const READ_SFI_RESERVED_BITS = 0x60;

function selectDf(c: CommandApdu, s: Session): Answer {
  if (c.data.length === 0 || c.data.length > MAX_DF_NAME) return status(SW.WRONG_LENGTH);
  // Full DF names only: the card also takes a prefix (MC), which we do not emulate.
  const found = (Object.keys(AID) as AppName[]).find((name) => bytesEqual(AID[name], c.data));
  if (found === undefined) return status(SW.FILE_NOT_FOUND);
  s.app = found;
  s.ef = undefined;
  return status(SW.OK);
}

function selectEf(c: CommandApdu, card: CardContents, s: Session): Answer {
  if (c.data.length !== FID_LENGTH) return status(SW.WRONG_LENGTH);
  // Files of the current AP only; an AP with none modelled (券面事項確認AP, 住基AP) finds none.
  const file = fileOf(card, s, (c.data[0]! << 8) | c.data[1]!);
  if (file === undefined) return status(SW.FILE_NOT_FOUND);
  s.ef = file;
  return status(SW.OK);
}

export function select(c: CommandApdu, card: CardContents, s: Session): Answer {
  if (c.p2 !== SELECT_P2_NO_FCI && c.p2 !== SELECT_P2_FCI) return status(SW.INCORRECT_P1P2);
  switch (c.p1) {
    case SELECT_P1.BY_DF_NAME:
      return selectDf(c, s);
    case SELECT_P1.EF_UNDER_CURRENT_DF:
      return selectEf(c, card, s);
    case SELECT_P1_BY_FID:
      // MC: "select MF" gives 6A86 after a cold reset and a do-nothing 9000 with an AP
      // current; 3F00 by identifier is not found (jpki-protocol §3.1).
      if (c.data.length > 0) return status(SW.FILE_NOT_FOUND);
      return status(s.app === undefined ? SW.INCORRECT_P1P2 : SW.OK);
    default:
      // P1=09 (path) and the rest: OpenSC PR #801 saw only P1=02 work.
      return status(SW.INCORRECT_P1P2);
  }
}

export function readBinary(c: CommandApdu, card: CardContents, s: Session): Answer {
  if (c.data.length > 0 || c.le === undefined) return status(SW.WRONG_LENGTH);
  let offset: number;
  if ((c.p1 & SFI_FLAG) !== 0) {
    // Short-EF form: 00 B0 (80|SFI) <8-bit offset>, no SELECT needed (MC); it makes the EF current.
    if ((c.p1 & READ_SFI_RESERVED_BITS) !== 0) return status(SW.INCORRECT_P1P2);
    const file = fileBySfi(card, s, c.p1 & ~SFI_FLAG);
    if (file === undefined) return status(SW.FILE_NOT_FOUND);
    s.ef = file;
    offset = c.p2;
  } else {
    // 15-bit offset (jpki-protocol §3.2). No current EF: 6986, as MYNA's mock (UNCONFIRMED).
    if (s.ef === undefined) return status(SW.NO_CURRENT_EF);
    offset = (c.p1 << 8) | c.p2;
  }
  const file = s.ef;
  if (file.kind === 'records') return status(SW.INCOMPATIBLE_FILE_STRUCTURE);
  // Keys and PINs are never readable; the card's exact answer is UNCONFIRMED.
  if (file.kind !== 'binary') return status(SW.SECURITY_STATUS_NOT_SATISFIED);
  if (file.readNeeds !== undefined && !s.verified.has(file.readNeeds)) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
  if (offset >= file.content.length) return status(SW.OFFSET_OUTSIDE_EF);
  // The card returns at most what remains, with 9000 (jpki-protocol §3.2).
  return { sw: SW.OK, data: file.content.slice(offset, offset + c.le) };
}

/** READ RECORD P2 bits 3–1; 100 = "record number in P1" is the one mode modelled. */
const READ_RECORD_MODE_BITS = 0x07;
const SFI_SHIFT = 3;

/**
 * `00 B2 <record> (SFI<<3 | 4) Le` (ISO 7816-4 §11.3.3), the form the port sends (`00 B2
 * 01 0C 00`). SFI 0 means the current EF. A record shorter than Le comes whole; a longer
 * one is cut to Le (our choice: no client here asks for less than 256).
 */
export function readRecord(c: CommandApdu, card: CardContents, s: Session): Answer {
  if (c.data.length > 0 || c.le === undefined) return status(SW.WRONG_LENGTH);
  if ((c.p2 & READ_RECORD_MODE_BITS) !== READ_RECORD_P2_BY_NUMBER) return status(SW.INCORRECT_P1P2);
  const sfi = c.p2 >> SFI_SHIFT;
  const file = sfi === 0 ? s.ef : fileBySfi(card, s, sfi);
  if (file === undefined) return status(sfi === 0 ? SW.NO_CURRENT_EF : SW.FILE_NOT_FOUND);
  if (file.kind !== 'records') return status(SW.INCOMPATIBLE_FILE_STRUCTURE);
  const record = file.records[c.p1 - 1];
  if (c.p1 === 0 || record === undefined) return status(SW.RECORD_NOT_FOUND);
  s.ef = file;
  return { sw: SW.OK, data: record.slice(0, c.le) };
}
