/**
 * Public entry of the `native` route (issue 12): the wire contract and framing the
 * companion (native/) and the extension both speak, and the reader source over Chrome
 * native messaging.
 */
export * from './frames';
export * from './messages';
export { CompanionClient, type NativePort, type NativeConnector, type ClientOptions } from './client';
export { createNativeSource } from './source';
export { hostError, portGone } from './errors';
