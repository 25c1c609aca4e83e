export { runAction, type ActionOutcome, type ActionRun, type ActionSpec } from './action';
export { STATUS_ACTION, readCardStatus, type CachedCard, type CardStatus, type KnownCards, type StatusRequest } from './status';
