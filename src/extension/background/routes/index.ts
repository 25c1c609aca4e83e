export { CAPABILITIES, viewListener } from './listener';
export { senderKind, type SenderKind, type SenderRecord } from './senders';
export type { RouteDeps } from './view-routes';
export { WebEidDoor, loginDigest, type WebEidDeps } from './web-eid-door';
export { judgeOrigin, senderOrigin, isLocalTestOrigin } from './origin-policy';
