/**
 * The PIN window's link to the background: one port named after the request id in the
 * URL. The background pushes every view; the window sends what the holder did. The PIN
 * goes over the port once per submission and is dropped from the window's state at once.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from '../browser';
import { DEFAULT_LANG, type Lang } from '../i18n/index';
import { PROMPT_PORT_PREFIX, isPromptView, type PromptCommand, type PromptView } from '../prompt-model';
import * as link from '../view-link';

export interface PromptState {
  readonly view: PromptView | undefined;
  readonly lang: Lang;
  /** The background went away (the window will close). */
  readonly lost: boolean;
}

export interface PromptActions {
  readonly send: (command: PromptCommand) => void;
  readonly setLang: (lang: Lang) => void;
}

export function usePrompt(id: string): [PromptState, PromptActions] {
  const [view, setView] = useState<PromptView | undefined>(undefined);
  const [lang, setLangState] = useState<Lang>(DEFAULT_LANG);
  const [lost, setLost] = useState(false);
  const port = useRef<ReturnType<typeof browser.runtime.connect> | undefined>(undefined);

  useEffect(() => {
    void link.lang().then(setLangState);
    const unwatch = link.watch({ lang: setLangState });
    const p = browser.runtime.connect({ name: `${PROMPT_PORT_PREFIX}${id}` });
    port.current = p;
    p.onMessage.addListener((message: unknown) => {
      if (isPromptView(message)) setView(message);
    });
    p.onDisconnect.addListener(() => {
      setLost(true);
      // The request ended on the background's side: nothing more to do here.
      window.close();
    });
    return () => {
      unwatch();
      p.disconnect();
    };
  }, [id]);

  const send = useCallback((command: PromptCommand) => port.current?.postMessage(command), []);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    void link.setLang(next);
  }, []);
  return [{ view, lang, lost }, { send, setLang }];
}
