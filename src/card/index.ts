// Public entry of the card layer (issue 3 §1-§3).
export { JpkiCard } from './jpki-card';
export type { CertificateName, PinName, PinStatus } from './jpki-card';
export { tokenKindOf, isSmartphoneToken } from './token-label';
export type { TokenKind } from './token-label';
export { parseCertificate } from './certificate';
export { CERTIFICATE_HEAD_LENGTH, serialFromCertificateHead } from './certificate-serial';
export type { CertificateKind, HolderData, HolderSex, KeyUsageName, ParsedCertificate } from './certificate';
export { CountingTransport } from './counting-transport';
export type { ApduCounts } from './counting-transport';
export { GetResponseTransport } from './get-response';
export { encodeCommand, parseCommand, decodeResponse, encodeResponse } from './apdu';
export type { CommandApdu, ResponseApdu } from './apdu';
export { readDerHeader } from './der';
export type { DerHeader } from './der';
export * from './errors';
export { SW, describeSw, swHex, isCounterSw } from './status-words';
export type { ApduTransport } from './transport';
export type { HashName } from './oids';
