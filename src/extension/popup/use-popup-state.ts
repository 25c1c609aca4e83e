/**
 * The popup's link to the extension: it draws whatever StatusSnapshot is stored in
 * storage.session at once, follows its changes, and asks the background to read
 * again. The service worker may be stopped or slow, so the stored snapshot is drawn
 * first and a late or missing answer only adds a note; the popup never waits blank.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { CONFIG } from '../../config';
import { DEFAULT_LANG, type Lang } from '../i18n/index';
import { MESSAGE } from '../messages';
import type { StatusSnapshot } from '../status-model';
import * as link from '../view-link';

export interface PopupState {
  readonly snapshot: StatusSnapshot | undefined;
  /** A refresh was asked for and has not been answered yet. */
  readonly updating: boolean;
  /** The background did not answer in time; the stored snapshot is still shown. */
  readonly noAnswer: boolean;
  readonly lang: Lang;
  readonly printedExpiry: string | undefined;
  /** The reader last seen working, so an unplugged one is not mistaken for none ever paired. */
  readonly lastReader?: string | undefined;
}

export interface PopupActions {
  readonly refresh: () => void;
  readonly setLang: (lang: Lang) => void;
  /** Resolves false when the background refused or did not answer. */
  readonly setPrintedExpiry: (date: string | null) => Promise<boolean>;
  readonly openSetup: () => void;
}

export function usePopupState(): [PopupState, PopupActions] {
  const [snapshot, setSnapshot] = useState<StatusSnapshot | undefined>(undefined);
  const [updating, setUpdating] = useState(false);
  const [noAnswer, setNoAnswer] = useState(false);
  const [lang, setLangState] = useState<Lang>(DEFAULT_LANG);
  const [printedExpiry, setPrinted] = useState<string | undefined>(undefined);
  const [lastReader, setLastReaderState] = useState<string | undefined>(undefined);

  const refresh = useCallback(() => {
    setUpdating(true);
    setNoAnswer(false);
    // The new snapshot arrives through storage (watch below); the answer only says whether it will.
    void link
      .ask({ type: MESSAGE.refresh, force: false }, CONFIG.extension.popupNoticeMs)
      .then((reply) => setNoAnswer(!reply.ok))
      .finally(() => setUpdating(false));
  }, []);

  useEffect(() => {
    const unwatch = link.watch({ status: setSnapshot, lang: setLangState, printedExpiry: setPrinted });
    void link.storedSnapshot().then((stored) => {
      // A snapshot the watch already delivered is newer than the one read at opening.
      if (stored !== undefined) setSnapshot((shown) => shown ?? stored);
    });
    void link.lang().then(setLangState);
    void link.printedExpiry().then(setPrinted);
    void link.lastReader().then((name) => setLastReaderState((seen) => seen ?? name));
    refresh();
    return unwatch;
  }, [refresh]);

  // A reader that answered is remembered, so its absence later reads as "unplugged".
  const working = snapshot && (snapshot.phase === 'ready' || snapshot.phase === 'no-card') ? snapshot.reader?.name : undefined;
  useEffect(() => {
    if (working === undefined) return;
    setLastReaderState(working);
    void link.setLastReader(working);
  }, [working]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    void link.setLang(next);
  }, []);

  const setPrintedExpiry = useCallback(async (date: string | null): Promise<boolean> => {
    const reply = await link.ask({ type: MESSAGE.setPrintedExpiry, date }, CONFIG.extension.popupNoticeMs);
    if (reply.ok) setPrinted(date ?? undefined);
    return reply.ok;
  }, []);

  const openSetup = useCallback(() => {
    void link.openSetup();
  }, []);

  return [{ snapshot, updating, noAnswer, lang, printedExpiry, lastReader }, { refresh, setLang, setPrintedExpiry, openSetup }];
}
