/**
 * The pairing page's link to Chrome and the background: the chooser (requestDevice needs
 * this page and a click, facts A2), then the background tries the reader and lists every
 * paired one with its verdict. view-link.ts puts a deadline on each request, so the page
 * never hangs on a stopped or busy service worker.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { DEFAULT_LANG, type Lang } from '../i18n/index';
import { MESSAGE, type PairedReader } from '../messages';
import * as link from '../view-link';
import { READER_FILTERS } from './reader-filters';
import { detectOs, findChosen, platformName, verdictOfRequestError, type ChosenDevice, type Os, type PageVerdict } from './pairing';

export interface VerdictView {
  readonly verdict: PageVerdict;
  readonly chosen?: ChosenDevice;
  readonly reader?: PairedReader;
}

export interface PairingState {
  readonly lang: Lang;
  readonly os: Os;
  readonly usbAvailable: boolean;
  readonly busy: 'choosing' | 'trying' | null;
  readonly result: VerdictView | null;
  /** undefined while the first list is loading. */
  readonly readers: readonly PairedReader[] | undefined;
  readonly forgotten: string | null;
  /** The virtual build (from the stored status): the page says the chooser shows only real devices. */
  readonly virtual: boolean;
}

export interface PairingActions {
  readonly choose: () => void;
  /** Tries the reader of `view` (default: the one just chosen) again, or opens the chooser. */
  readonly retry: (view?: VerdictView) => void;
  readonly forget: (reader: PairedReader) => void;
  readonly setLang: (lang: Lang) => void;
}

async function listReaders(): Promise<readonly PairedReader[]> {
  const reply = await link.ask({ type: MESSAGE.listReaders });
  return reply.ok && 'readers' in reply ? reply.readers : [];
}

export function usePairing(): [PairingState, PairingActions] {
  const [lang, setLangState] = useState<Lang>(DEFAULT_LANG);
  const [busy, setBusy] = useState<PairingState['busy']>(null);
  const [result, setResult] = useState<VerdictView | null>(null);
  const [readers, setReaders] = useState<readonly PairedReader[] | undefined>(undefined);
  const [forgotten, setForgotten] = useState<string | null>(null);
  const [virtual, setVirtual] = useState(false);
  const usbAvailable = typeof navigator !== 'undefined' && 'usb' in navigator;

  useEffect(() => {
    void link.lang().then(setLangState);
    void link.storedSnapshot().then((stored) => setVirtual(stored?.virtual === true));
    void listReaders().then(setReaders);
    return link.watch({ lang: setLangState });
  }, []);

  const tryChosen = useCallback(async (chosen: ChosenDevice) => {
    setBusy('trying');
    await link.ask({ type: MESSAGE.readersChanged });
    const list = await listReaders();
    setReaders(list);
    const reader = findChosen(list, chosen);
    setResult({ verdict: reader?.verdict ?? 'error', chosen, ...(reader ? { reader } : {}) });
    setBusy(null);
  }, []);

  const choose = useCallback(() => {
    setBusy('choosing');
    setForgotten(null);
    navigator.usb
      .requestDevice({ filters: [...READER_FILTERS] })
      .then((device) => tryChosen({ vendorId: device.vendorId, productId: device.productId, serialNumber: device.serialNumber ?? undefined }))
      .catch((error: unknown) => {
        setResult({ verdict: verdictOfRequestError(error) });
        setBusy(null);
      });
  }, [tryChosen]);

  const retry = useCallback((view?: VerdictView) => {
    const chosen = view?.chosen ?? result?.chosen;
    if (chosen) void tryChosen(chosen);
    else choose();
  }, [result, tryChosen, choose]);

  const forget = useCallback((reader: PairedReader) => {
    void (async () => {
      // The popup would otherwise ask for this reader to be plugged back in.
      void link.setLastReader(null);
      const reply = await link.ask({ type: MESSAGE.forgetReader, key: reader.key });
      if (!reply.ok) {
        // The background could not do it (stopped, or it lost the device): forget from here.
        const devices = await navigator.usb.getDevices();
        await devices.find((d) => d.vendorId === reader.identity.vendorId && d.productId === reader.identity.productId)?.forget();
      }
      setForgotten(reader.identity.name);
      setResult(null);
      setReaders(await listReaders());
    })();
  }, []);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    void link.setLang(next);
  }, []);

  return [
    { lang, os: detectOs(platformName(navigator)), usbAvailable, busy, result, readers, forgotten, virtual },
    { choose, retry, forget, setLang },
  ];
}
