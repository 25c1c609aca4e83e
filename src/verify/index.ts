// Public entry of the verify layer (issue 9 §4): what a relying site imports to check
// login tokens, signatures and CMS made with a My Number Card, in Node 20 and browsers.
export { verifyAuthToken, authTokenSignedValue, NONCE_MIN_LENGTH, NONCE_MAX_LENGTH } from './auth-token';
export type { VerifyAuthTokenOptions, VerifiedLogin } from './auth-token';
export { TOKEN_MIN_LENGTH, TOKEN_MAX_LENGTH } from './token-shape';
export type { AuthToken } from './token-shape';
export { decodeBase64, encodeBase64 } from './base64';
export * from './errors';
export { verifySignature } from './signature';
export type { SignatureHash, VerifySignatureRequest, VerifiedSignature } from './signature';
export { prepareSignedAttributes, assembleSignedData } from './cms';
export type { PreparedSignature, PrepareOptions, AssembleRequest } from './cms';
export { verifyCms } from './cms-verify';
export type { VerifyCmsRequest, VerifiedCms } from './cms-verify';
