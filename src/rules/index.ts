// Public entry of the rules core. The implementation modules are being written (issue 2).
export type { CardFacts, Finding, FindingCode, FindingSubject, LocalText, PinKind, Severity } from './types';
export { BridgeError } from './error';
