/**
 * A Problem, told per audience (issue 8 §4). The popup and the setup page get words in
 * both languages and what to do (they are ours, and the holder reads them); a reply to
 * one of our views carries the stable code only, and so will a reply to a page: never a
 * message text, a stack, or — for a PIN — the tries left, which are the holder's to see
 * in the popup, not the site's.
 */
import type { StatusSnapshot } from '../../status-model';
import type { Problem } from './problem';

/** What the popup draws of a problem. */
export function forPopup(problem: Problem): NonNullable<StatusSnapshot['problem']> {
  return { code: problem.code, message: problem.message, ...(problem.action ? { action: problem.action } : {}) };
}

/** What a reply may carry of a problem: its stable code. */
export function forReply(problem: Problem): { readonly ok: false; readonly code: Problem['code'] } {
  return { ok: false, code: problem.code };
}
