/**
 * The one line at the top of the popup that says where the holder stands, and the
 * tone it is drawn in. Derived from the snapshot only, so it is right even when the
 * service worker is stopped.
 */
import { worstFinding, type Finding } from '../../rules/index';
import type { StatusSnapshot } from '../status-model';
import type { UiKey } from '../i18n/index';

export type Tone = 'ok' | 'warning' | 'error' | 'busy' | 'quiet';

export interface Summary {
  readonly key: UiKey;
  readonly tone: Tone;
}

export function summaryFor(snapshot: StatusSnapshot | undefined, findings: readonly Finding[]): Summary {
  if (!snapshot) return { key: 'summary.checking', tone: 'busy' };
  switch (snapshot.phase) {
    case 'reading':
      return { key: 'summary.reading', tone: 'busy' };
    case 'no-reader':
      return { key: 'summary.noReader', tone: 'quiet' };
    case 'reader-blocked':
      return { key: 'summary.blocked', tone: 'warning' };
    case 'reader-busy':
      return { key: 'summary.busy', tone: 'warning' };
    case 'no-card':
      return { key: 'summary.noCard', tone: 'quiet' };
    case 'error':
      return { key: 'summary.failed', tone: 'warning' };
    case 'ready': {
      const worst = worstFinding(findings);
      if (worst?.severity === 'error') return { key: 'summary.error', tone: 'error' };
      if (worst?.severity === 'warning') return { key: 'summary.warning', tone: 'warning' };
      return { key: 'summary.ok', tone: 'ok' };
    }
  }
}
