export { ReaderHolder, type HolderChange, type ReaderAccess } from './reader-holder';
export { SessionQueue } from './session-queue';
export { ApduTally, SessionEndedError, runCardSession, type CardSession, type SessionSpec } from './card-session';
