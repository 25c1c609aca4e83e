/**
 * What the popup can say about the signing certificate without its password (rules.md
 * X2): only what is likely. It is normally issued with the authentication certificate
 * and expires with it or earlier, so the authentication certificate's state bounds it:
 * once that one is in its renewal window or expired, e-Tax signing is at risk.
 */
import type { ValidityView } from './validity-view';

export type SignLikely = 'valid' | 'renewal' | 'expired' | 'unknown';

export function signLikely(auth: ValidityView | null): SignLikely {
  if (!auth) return 'unknown';
  if (auth.state === 'expired') return 'expired';
  if (auth.state === 'renewal-open') return 'renewal';
  if (auth.state === 'valid') return 'valid';
  return 'unknown';
}
