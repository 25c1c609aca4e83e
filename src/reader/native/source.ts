/**
 * Reader source `native` (DESIGN "Where readers come from"): the readers of the
 * operating system's PC/SC stack, through the companion. Each is the same OpenReader as
 * a WebUSB reader, so every card action works through it unchanged. One port serves
 * all readers; it opens on first use and, if the companion dies, the next call opens a
 * new one (every request waiting on the dead one fails with ReaderGoneError first).
 * Everything handed out throws only ../errors.ts classes (./errors.ts maps them).
 */
import { CardRemovedError, NoCardError, ReaderGoneError, ReaderProtocolError, ReaderUnsupportedError } from '../errors';
import type { OpenReader, ReaderCandidate, ReaderIdentity, ReaderSource, SlotState } from '../types';
import { CompanionClient, type ClientOptions, type NativeConnector } from './client';
import { fromWireHex, toWireHex, type ReaderEvent } from './messages';

/** Failures of a power-off that leave nothing to power off: the card or the host is already gone. */
const GONE_ALREADY = [CardRemovedError, NoCardError, ReaderGoneError] as const;

export function createNativeSource(connector: NativeConnector, options: ClientOptions = {}): ReaderSource {
  let current: Promise<CompanionClient> | undefined;
  const changeListeners = new Set<() => void>();
  const slotListeners = new Map<string, Set<(present: boolean) => void>>();
  const known = new Set<string>();

  const onEvent = (e: ReaderEvent): void => {
    for (const l of slotListeners.get(e.reader) ?? []) l(e.state === 'present');
    const changed = e.state === 'gone' ? known.delete(e.reader) : !known.has(e.reader);
    if (e.state !== 'gone') known.add(e.reader);
    if (changed) for (const l of changeListeners) l();
  };

  const companion = (): Promise<CompanionClient> => {
    if (current !== undefined) return current;
    const opening = (async () => {
      const c = await CompanionClient.open(connector, options);
      c.onEvent(onEvent);
      c.onClose(() => {
        if (current === opening) current = undefined;
        // Every reader of the route went away with the port.
        known.clear();
        for (const l of changeListeners) l();
      });
      try {
        await c.request('watch');
      } catch (e) {
        c.close();
        throw e;
      }
      return c;
    })();
    current = opening;
    opening.catch(() => {
      if (current === opening) current = undefined;
    });
    return opening;
  };

  const identity = (name: string): ReaderIdentity => Object.freeze({ name, source: 'native' });

  async function openReader(name: string): Promise<OpenReader> {
    await companion();
    let held: { client: CompanionClient; handle: number; transaction: boolean } | undefined;
    const mine = new Set<(present: boolean) => void>();

    const powerOff = async (): Promise<void> => {
      const h = held;
      held = undefined;
      if (h === undefined || h.client.closed) return;
      try {
        if (h.transaction) await h.client.request('end', { handle: h.handle });
        // unpower: a verified PIN must not outlive the session (jpki-protocol §3.3).
        await h.client.request('disconnect', { handle: h.handle, disposition: 'unpower' });
      } catch (e) {
        if (!GONE_ALREADY.some((cls) => e instanceof cls)) throw e;
      }
    };

    return {
      identity: identity(name),
      async powerOn() {
        // PC/SC powers a card at connect and keeps it for other programs; our own last
        // session is unpowered first, so ours start cold (OpenReader.powerOn).
        await powerOff();
        const client = await companion();
        const c = await client.request('connect', { reader: name });
        held = { client, handle: c.handle, transaction: false };
        try {
          // A transaction keeps other PC/SC programs (the official JPKI client) from
          // slipping APDUs between ours; a host that cannot hold one still works, unguarded.
          await client.request('begin', { handle: c.handle });
          held.transaction = true;
        } catch (e) {
          if (!(e instanceof ReaderUnsupportedError)) {
            await powerOff();
            throw e;
          }
        }
        return fromWireHex(c.atr);
      },
      powerOff,
      async transmit(command) {
        if (held === undefined) throw new ReaderProtocolError('transmit before powerOn', { driverCode: 'not-powered' });
        const r = await held.client.request('transmit', { handle: held.handle, apdu: toWireHex(command) });
        return fromWireHex(r.response);
      },
      async slotStatus(): Promise<SlotState> {
        if (held !== undefined && !held.client.closed) return 'active';
        const { readers } = await (await companion()).request('list');
        const r = readers.find((x) => x.name === name);
        if (r === undefined) throw new ReaderGoneError(`reader "${name}" is gone`, { driverCode: 'unknown-reader' });
        return r.state === 'present' ? 'inactive' : 'absent';
      },
      onSlotChange(listener) {
        let set = slotListeners.get(name);
        if (set === undefined) slotListeners.set(name, (set = new Set()));
        set.add(listener);
        mine.add(listener);
        return () => {
          set.delete(listener);
          mine.delete(listener);
        };
      },
      async close() {
        for (const l of mine) slotListeners.get(name)?.delete(l);
        mine.clear();
        await powerOff();
      },
    };
  }

  return {
    kind: 'native',
    async list(): Promise<readonly ReaderCandidate[]> {
      const { readers } = await (await companion()).request('list');
      for (const r of readers) known.add(r.name);
      return readers.map((r) => ({
        key: r.name,
        identity: identity(r.name),
        open: () => openReader(r.name),
        // PC/SC readers need no browser permission, so there is nothing to forget.
        forget: async () => undefined,
      }));
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
  };
}
