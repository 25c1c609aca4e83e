export { CAPABILITIES, viewListener } from './listener';
export { senderKind, type SenderKind, type SenderRecord } from './senders';
export type { RouteDeps } from './view-routes';
