/**
 * The sites allowed to ask for the card (issue 9 §3): each one is an optional host
 * permission Chrome asks the holder for (the request must come straight from the click),
 * and an entry in settings; the background places its content script on exactly those.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from '../browser';
import { siteOrigin } from '../settings';
import * as link from '../view-link';

export type SiteProblem = 'invalid' | 'denied' | undefined;

export interface SitesState {
  readonly sites: readonly string[];
  readonly problem: SiteProblem;
}

export interface SitesActions {
  /** Call from the click handler itself: Chrome only shows its permission prompt for a user gesture. */
  readonly add: (typed: string) => void;
  readonly remove: (origin: string) => void;
}

export function useSites(): [SitesState, SitesActions] {
  const [sites, setSites] = useState<readonly string[]>([]);
  const [problem, setProblem] = useState<SiteProblem>(undefined);
  const reload = useCallback(() => void link.allowedOrigins().then(setSites), []);
  useEffect(() => {
    reload();
    return link.watch({ allowedOrigins: reload });
  }, [reload]);

  const add = useCallback((typed: string) => {
    const origin = siteOrigin(typed);
    if (origin === undefined) return setProblem('invalid');
    setProblem(undefined);
    // No await before this call: it must run inside the click's user activation.
    void browser.permissions.request({ origins: [`${origin}/*`] }).then(async (granted) => {
      if (!granted) return setProblem('denied');
      await link.setAllowedOrigins([...(await link.allowedOrigins()), origin]);
    });
  }, []);

  const remove = useCallback((origin: string) => {
    void (async () => {
      await link.setAllowedOrigins((await link.allowedOrigins()).filter((o) => o !== origin));
      await browser.permissions.remove({ origins: [`${origin}/*`] }).catch(() => false);
    })();
  }, []);

  return [{ sites, problem }, { add, remove }];
}
