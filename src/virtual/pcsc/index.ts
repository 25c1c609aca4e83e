/**
 * NODE-ONLY entry of the PC/SC bridge: exposes a card to pcscd through vsmartcard's
 * vpcd driver. Never import this from extension code (it pulls in node:net); the pure
 * protocol and session modules may be imported on their own.
 */
export { startVpcdClient, VPCD_CLIENT_DEFAULTS, type VpcdClient, type VpcdClientOptions, type VpcdClientSettings, type VpcdLinkEvent } from './vpcd-client';
export { VpcdSession, type VpcdCard, type VpcdEvent, type VpcdSessionOptions } from './vpcd-session';
export { encodeFrame, FrameDecoder, VPCD_CONTROL, VPCD_DEFAULT_PORT, VPCD_MAX_PAYLOAD } from './vpcd-protocol';
export { VpcdFrameError, VpcdTimeoutError, VPCD_ERRORS, type VpcdErrorCode } from './errors';
