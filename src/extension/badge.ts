/**
 * What the toolbar badge shows, from the stored status alone, so the background can
 * redraw it whenever the snapshot changes. Each state has its own mark as well as its
 * own colour, so it reads without colour vision. A quiet state (nothing paired, no
 * card) shows no mark: the badge speaks only when something needs attention.
 */
import { worstFinding } from '../rules/index';
import type { StatusSnapshot } from './status-model';
import { pick, t, type Lang } from './i18n/index';

export interface BadgeView {
  readonly text: string;
  /** CSS hex colour for chrome.action.setBadgeBackgroundColor; white text reads on all of them (≥ 4.5:1). */
  readonly color: string;
  /** chrome.action.setTitle: the extension's name and the state in words. */
  readonly title: string;
}

export const BADGE_COLORS = Object.freeze({
  error: '#B3261E',
  warning: '#8A5300',
  ok: '#1E7B34',
  busy: '#455A64',
  quiet: '#5F6368',
});

function titled(lang: Lang, words: string): string {
  return `${t(lang, 'app.name')} — ${words}`;
}

export function badgeFor(snapshot: StatusSnapshot | undefined, lang: Lang = 'ja'): BadgeView {
  if (!snapshot) return { text: '', color: BADGE_COLORS.quiet, title: t(lang, 'app.name') };
  switch (snapshot.phase) {
    case 'reading':
      return { text: '…', color: BADGE_COLORS.busy, title: titled(lang, t(lang, 'badge.reading')) };
    case 'no-reader':
      return { text: '', color: BADGE_COLORS.quiet, title: titled(lang, t(lang, 'badge.noReader')) };
    case 'no-card':
      return { text: '', color: BADGE_COLORS.quiet, title: titled(lang, t(lang, 'badge.noCard')) };
    case 'reader-blocked':
    case 'reader-busy':
    case 'error': {
      const fallback = t(lang, snapshot.phase === 'reader-blocked' ? 'summary.blocked' : snapshot.phase === 'reader-busy' ? 'summary.busy' : 'summary.failed');
      const words = snapshot.problem ? pick(snapshot.problem.message, lang) : fallback;
      return { text: '?', color: BADGE_COLORS.warning, title: titled(lang, words) };
    }
    case 'ready':
      return readyBadge(snapshot, lang);
  }
}

function readyBadge(snapshot: StatusSnapshot, lang: Lang): BadgeView {
  const worst = worstFinding(snapshot.findings);
  if (worst?.severity === 'error') return { text: '!!', color: BADGE_COLORS.error, title: titled(lang, pick(worst.text, lang)) };
  if (worst?.severity === 'warning') return { text: '!', color: BADGE_COLORS.warning, title: titled(lang, pick(worst.text, lang)) };
  return { text: '✓', color: BADGE_COLORS.ok, title: titled(lang, t(lang, 'badge.ok')) };
}
