/**
 * The popup's link to the extension: it draws whatever StatusSnapshot is stored in
 * chrome.storage.session at once, follows its changes, and asks the background to read
 * again. The service worker may be stopped or slow, so the stored snapshot is drawn
 * first and a late or missing answer only adds a note; the popup never waits blank.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { MESSAGE, sendToBackground } from '../messages';
import { PRINTED_EXPIRY_STORAGE_KEY, STATUS_STORAGE_KEY, type StatusSnapshot } from '../status-model';
import { DEFAULT_LANG, LANG_STORAGE_KEY, isLang, type Lang } from '../i18n/index';
import { isCalendarDate } from '../messages';
import { laterSnapshot } from './snapshot-choice';
import { withDeadline } from '../../deadline';
import { DeadlineExpiredError } from '../background/errors';

/**
 * How long a refresh may take before the popup says it is still waiting, ms. A cold
 * read with a slow TPDU reader takes a few seconds; the note must not appear for those.
 */
const REFRESH_NOTICE_MS = 12_000;

export interface PopupState {
  readonly snapshot: StatusSnapshot | undefined;
  /** A refresh was asked for and has not been answered yet. */
  readonly updating: boolean;
  /** The background did not answer in time; the stored snapshot is still shown. */
  readonly noAnswer: boolean;
  readonly lang: Lang;
  readonly printedExpiry: string | undefined;
}

export interface PopupActions {
  readonly refresh: () => void;
  readonly setLang: (lang: Lang) => void;
  /** Resolves false when the background refused or did not answer. */
  readonly setPrintedExpiry: (date: string | null) => Promise<boolean>;
  readonly openSetup: () => void;
}

/** Storage can hold a snapshot from an older version; draw only what has the shape we read. */
function isSnapshot(value: unknown): value is StatusSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.phase === 'string' && Array.isArray(v.findings) && typeof v.updatedAt === 'string';
}

/** The background's answer, or 'timeout' when it gave none in time (the popup then keeps drawing what is stored). */
function answerOrTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return withDeadline(ms, () => new DeadlineExpiredError(`the background did not answer within ${ms} ms`), promise).catch((e: unknown) => {
    if (e instanceof DeadlineExpiredError) return 'timeout' as const;
    throw e;
  });
}

export function usePopupState(): [PopupState, PopupActions] {
  const [snapshot, setSnapshot] = useState<StatusSnapshot | undefined>(undefined);
  const [updating, setUpdating] = useState(false);
  const [noAnswer, setNoAnswer] = useState(false);
  const [lang, setLangState] = useState<Lang>(DEFAULT_LANG);
  const [printedExpiry, setPrinted] = useState<string | undefined>(undefined);

  const refresh = useCallback(() => {
    setUpdating(true);
    setNoAnswer(false);
    answerOrTimeout(sendToBackground({ type: MESSAGE.refresh, force: false }), REFRESH_NOTICE_MS)
      .then((reply) => {
        if (reply === 'timeout' || !reply.ok) setNoAnswer(true);
        else if ('snapshot' in reply && isSnapshot(reply.snapshot)) {
          const fresh = reply.snapshot;
          setSnapshot((shown) => laterSnapshot(shown, fresh));
        }
      })
      .catch(() => setNoAnswer(true))
      .finally(() => setUpdating(false));
  }, []);

  useEffect(() => {
    const onChanged = (changes: Record<string, chrome.storage.StorageChange>, area: string) => {
      const status = changes[STATUS_STORAGE_KEY];
      const stored: unknown = status?.newValue;
      if (area === 'session' && isSnapshot(stored)) setSnapshot((shown) => laterSnapshot(shown, stored));
      const langChange = changes[LANG_STORAGE_KEY];
      if (area === 'local' && langChange && isLang(langChange.newValue)) setLangState(langChange.newValue);
      const printed = changes[PRINTED_EXPIRY_STORAGE_KEY];
      if (area === 'local' && printed) setPrinted(isCalendarDate(printed.newValue) ? printed.newValue : undefined);
    };
    chrome.storage.onChanged.addListener(onChanged);
    void chrome.storage.session.get(STATUS_STORAGE_KEY).then((got) => {
      const stored = got[STATUS_STORAGE_KEY];
      if (isSnapshot(stored)) setSnapshot((shown) => laterSnapshot(shown, stored));
    });
    void chrome.storage.local.get([LANG_STORAGE_KEY, PRINTED_EXPIRY_STORAGE_KEY]).then((got) => {
      if (isLang(got[LANG_STORAGE_KEY])) setLangState(got[LANG_STORAGE_KEY]);
      const printed = got[PRINTED_EXPIRY_STORAGE_KEY];
      if (isCalendarDate(printed)) setPrinted(printed);
    });
    refresh();
    return () => chrome.storage.onChanged.removeListener(onChanged);
  }, [refresh]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    void chrome.storage.local.set({ [LANG_STORAGE_KEY]: next });
  }, []);

  const setPrintedExpiry = useCallback(async (date: string | null): Promise<boolean> => {
    try {
      const reply = await answerOrTimeout(sendToBackground({ type: MESSAGE.setPrintedExpiry, date }), REFRESH_NOTICE_MS);
      if (reply === 'timeout' || !reply.ok) return false;
      setPrinted(date ?? undefined);
      return true;
    } catch {
      return false;
    }
  }, []);

  const openSetup = useCallback(() => {
    void chrome.runtime.openOptionsPage();
  }, []);

  return [{ snapshot, updating, noAnswer, lang, printedExpiry }, { refresh, setLang, setPrintedExpiry, openSetup }];
}
