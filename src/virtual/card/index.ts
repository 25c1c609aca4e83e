// The virtual JPKI card (issue 3 §4): a My Number Card's JPKI application with real
// RSA-2048 keys, PIN counters and certificates from a test CA. Runs in Node and in the
// extension's service worker (WebCrypto only, no Node modules).
export { VirtualJpkiCard, type ApduLogEntry, type CardQuirks, type PinTries } from './virtual-jpki-card';
export { createVirtualCard } from './create-virtual-card';
export { createTestCa, type TestCa, type HolderCertificateRequest, type SignCertificateRequest } from './test-ca';
export {
  DEFAULT_HOLDER, DEFAULT_ISSUE_DATE, DEFAULT_MUNICIPALITY_CODE, DEFAULT_PINS, PIN_MAX_TRIES,
  type CertificateValidity, type KeySet, type VirtualCardProfile,
} from './profile';
export { CARD_PROFILE_NAMES, namedCardProfile, isCardProfileName, type CardProfileName } from './named-profiles';
export { MY_NUMBER_CARD_CONTACT_ATR_HEX, myNumberCardAtr } from './atr';
export type { JpkiCertificates, KeyPinName, PinName } from './files';
export type { Holder, Sex } from './holder-fields';
export { VirtualCardProfileError, VirtualCardUnpoweredError, VIRTUAL_CARD_ERRORS } from './errors';
