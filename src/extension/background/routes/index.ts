export { CAPABILITIES, viewListener } from './listener';
export { senderKind, type SenderKind, type SenderRecord } from './senders';
export type { RouteDeps } from './view-routes';
export { WebEidDoor, loginDigest, type WebEidDeps } from './web-eid-door';
export { judgeOrigin, senderOrigin, isLocalTestOrigin } from './origin-policy';
export { PortalDoor, isPortalOrigin, PORTAL_HOST_SUFFIXES, type PortalDeps } from './portal-door';
