/**
 * The toolbar badge (issue 5 §1): the worst finding as a short mark and colour, drawn
 * from each published snapshot with the UI's badgeFor, in the holder's language.
 */
import { badgeFor } from '../badge';
import { DEFAULT_LANG, LANG_STORAGE_KEY, isLang } from '../i18n/index';
import type { StatusSnapshot } from '../status-model';

export async function paintBadge(snapshot: StatusSnapshot): Promise<void> {
  const stored = (await chrome.storage.local.get(LANG_STORAGE_KEY))[LANG_STORAGE_KEY];
  const view = badgeFor(snapshot, isLang(stored) ? stored : DEFAULT_LANG);
  await Promise.all([
    chrome.action.setBadgeText({ text: view.text }),
    chrome.action.setBadgeBackgroundColor({ color: view.color }),
    chrome.action.setBadgeTextColor?.({ color: '#FFFFFF' }),
    chrome.action.setTitle({ title: view.title }),
  ]);
}
