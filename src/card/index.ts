// Public entry of the card layer (issue 3 §1-§3).
export { JpkiCard } from './jpki-card';
export { CardChannel } from './card-channel';
export type { CertificateName, PinName, PinStatus } from './jpki-card';
export { tokenKindOf, isSmartphoneToken } from './token-label';
export type { TokenKind } from './token-label';
export { parseCertificate } from './certificate';
export { CERTIFICATE_HEAD_LENGTH, serialFromCertificateHead } from './certificate-serial';
export type { CertificateKind, HolderData, HolderSex, KeyUsageName, ParsedCertificate } from './certificate';
export { CountingTransport } from './counting-transport';
export type { ApduCounts } from './counting-transport';
export { GetResponseTransport } from './get-response';
export { encodeCommand, parseCommand, decodeResponse, encodeResponse, MAX_RESPONSE_APDU_LENGTH } from './apdu';
export type { CommandApdu, ResponseApdu } from './apdu';
export { readDerHeader } from './der';
export type { DerHeader } from './der';
export * from './errors';
export { SW, describeSw, swHex, isCounterSw } from './status-words';
export type { ApduTransport } from './transport';
export { OID, DIGEST_INFO_PREFIX, DIGEST_LENGTH, type HashName } from './oids';
// The card's numbers, which the virtual card answers to (one spelling for both sides).
export { AID, CERT_PRESENT, CLA, EF, INS, P2_CURRENT_EF, SELECT_P1, SELECT_P2_NO_FCI, SIGN_P1_PKCS1_DIGEST_INFO, TOKEN_LABEL, TOKEN_LABEL_LENGTH } from './jpki-constants';
export { bytesCarryPin, carriesPin } from './pin-commands';
// The card's other applications and the portal's combination_code (issue 10 §4).
export { AssistCard } from './assist-card';
export { CommonCard, parseCommonRecord, type CommonRecord } from './common-card';
export { parseBasicInfo, basicInfoHex, BASIC_INFO_TAG, type BasicInfo, type BasicInfoHex } from './basic-info';
export { combinationCode } from './combination-code';
export { TEXT_EF, COMMON_RECORD, READ_RECORD_P2_BY_NUMBER, SIGN_INPUT_MAX, SIGN_INPUT_MIN, type CardApplication } from './jpki-constants';
