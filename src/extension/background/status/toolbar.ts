/**
 * The toolbar badge (issue 5 §1): the worst finding as a short mark and colour, drawn
 * from each published snapshot with the UI's badgeFor, in the holder's language.
 */
import type { Action } from 'webextension-polyfill';
import { badgeFor } from '../../badge';
import type { Lang } from '../../i18n/index';
import type { StatusSnapshot } from '../../status-model';

export type ToolbarAction = Pick<Action.Static, 'setBadgeText' | 'setBadgeBackgroundColor' | 'setTitle'> & {
  readonly setBadgeTextColor?: Action.Static['setBadgeTextColor'];
};

export async function paintBadge(action: ToolbarAction, snapshot: StatusSnapshot, lang: Lang): Promise<void> {
  const view = badgeFor(snapshot, lang);
  await Promise.all([
    action.setBadgeText({ text: view.text }),
    action.setBadgeBackgroundColor({ color: view.color }),
    action.setBadgeTextColor?.({ color: '#FFFFFF' }),
    action.setTitle({ title: view.title }),
  ]);
}
