export { runAction, type ActionOutcome, type ActionRun, type ActionSpec } from './action';
export { STATUS_ACTION, readCardStatus, type CachedCard, type CardStatus, type KnownCards, type StatusRequest } from './status';
export { LOGIN_ACTION, login, type LoginRequest, type LoginResult, type SiteContext, type ToSign } from './login';
export { SIGNING_ACTION, getSigningCertificate, sign, type SignRequest, type SignResult, type SigningCertificateRequest } from './signing';
export { readCardInfo, signDigests, type CardInfoRequest, type CardInfoResult, type PortalSignRequest, type PortalSignResult } from './portal';
