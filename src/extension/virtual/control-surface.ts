/**
 * `globalThis.virtualReader` on the virtual build's service worker: what end-to-end tests
 * (ours, and a relying-party site's) use to play the hardware. Every method resolves once
 * the background has read the card again and published the new StatusSnapshot, so a
 * test can assert on the popup right after awaiting it. Documented in docs/extension.md.
 */
import { BridgeError } from '../../error';
import { CARD_PROFILE_NAMES } from '../../virtual/index';
import type { StatusSnapshot } from '../status-model';
import type { ApduRecord } from './apdu-log';
import type { VirtualWorld } from './world';
import { VIRTUAL_READER_MODELS, type VirtualReaderModel, type VirtualWorldState } from './world-state';

export interface VirtualReaderControlSurface {
  /** Inserts a card (of `profile`, default the current profile). */
  insertCard(profile?: string): Promise<StatusSnapshot>;
  removeCard(): Promise<StatusSnapshot>;
  unplug(): Promise<StatusSnapshot>;
  plug(): Promise<StatusSnapshot>;
  /** Sets a PIN's remaining tries (0 = locked) on a fresh card of the same profile. */
  setPinTries(pin: 'auth' | 'sign', remaining: number): Promise<StatusSnapshot>;
  /** Types a wrong PIN into the card (a real VERIFY): its counter falls by one. */
  enterWrongPin(pin: 'auth' | 'sign'): Promise<StatusSnapshot>;
  /** Switches to a named card profile and inserts that card. */
  useProfile(name: string): Promise<StatusSnapshot>;
  /**
   * Puts another virtual reader on the desk, with the same card: 'SCR3310' (the CCID reader,
   * default) or 'RC-S380' (Sony PaSoRi, Port-100 with Type B and ISO-DEP). A USB unplug of
   * the old one and a plug of the new one, as a resident swapping readers would do.
   */
  useReader(model: VirtualReaderModel): Promise<StatusSnapshot>;
  /** 0x0B with 'chrome' shows the blocked-reader path; 0xFF (default) is claimable (CCID reader only). */
  setReaderClass(interfaceClass: 0x0b | 0xff, browser?: 'chrome' | 'unrestricted'): Promise<StatusSnapshot>;
  /**
   * true: the reader is plugged in again and the operating system's driver takes it
   * (claimInterface fails with NetworkError, the "held by the OS" path); false: the OS
   * lets go of the same device (as stopping pcscd does) and the background reads again.
   */
  holdByOs(held: boolean): Promise<StatusSnapshot>;
  /** The virtual reader's timing model (real waits per transfer and per APDU) on or off. */
  setTiming(on: boolean): Promise<StatusSnapshot>;
  /** The APDUs the card received since the last call. */
  apduLog(): ApduRecord[];
  /** Whether the card is powered and which PINs it holds verified now (null: no card). Every session must leave it unpowered. */
  cardPower(): { readonly powered: boolean; readonly verified: readonly string[] } | null;
  /** USB transfers since the last call (bulk in/out, control). */
  usbStats(): { transfersIn: number; transfersOut: number; controlTransfers: number; bytesIn: number; bytesOut: number };
  /** Back to a plugged reader with a healthy card (and the timing model off). */
  reset(): Promise<StatusSnapshot>;
  /** Reads the card now, as the popup's "check again" does. */
  checkNow(): Promise<StatusSnapshot>;
  /**
   * Forgets what the background knows about cards: 'memory' makes the next check read
   * the card (warm: recognised by its certificate serial); 'all' also empties the card
   * cache, so the next check is cold, as on a first start.
   */
  forgetCard(scope: 'memory' | 'all'): Promise<void>;
  readonly state: VirtualWorldState;
  readonly profiles: readonly string[];
}

/** A test called the control surface with an argument it does not take (a misspelt profile, tries out of range). */
export class ControlSurfaceError extends BridgeError {
  readonly code = 'control-surface-argument' as const;
  override readonly name = 'ControlSurfaceError' as const;
}

export interface BackgroundHooks {
  /** A forced status read. */
  readonly refresh: () => Promise<StatusSnapshot>;
  /** Resolves once the background took `count` hardware events of that kind (their reads then queued); false at the deadline. */
  readonly nextEvents: (reason: 'reader' | 'card', count: number, ms: number) => Promise<boolean>;
  /** The background holds the reader open, so a card moving reaches it as a slot event. */
  readonly readerOpen: () => boolean;
  readonly forgetMemory: () => void;
  readonly clearCardCache: () => Promise<void>;
}

/**
 * How long a change waits for the hardware event it raises, ms. The virtual USB events
 * take microseconds; the bound only matters if an event never comes, and then the
 * change still reads the card itself.
 */
const EVENT_WAIT_MS = 2_000;

type Rebuild = 'reader' | 'card' | 'tries' | 'faults' | 'none';

export function createControlSurface(world: VirtualWorld, hooks: BackgroundHooks): VirtualReaderControlSurface {
  const { refresh } = hooks;
  /**
   * The hardware event a change raises starts a read of its own. Waiting for it first
   * queues this method's read after that one, so the snapshot returned is the one that
   * stays stored (a read landing after the method resolved made assertions flaky).
   */
  const apply = async (change: Partial<VirtualWorldState>, rebuild: Rebuild): Promise<StatusSnapshot> => {
    const before = world.current;
    const replug = rebuild === 'reader' || (change.plugged !== undefined && change.plugged !== before.plugged);
    // A card swap is a removal and an insertion: one NotifySlotChange each, if the background listens.
    const inserted = change.cardInserted ?? before.cardInserted;
    const slotEvents = rebuild === 'card' && before.plugged && hooks.readerOpen() ? Number(before.cardInserted) + Number(inserted) : 0;
    const events = replug ? hooks.nextEvents('reader', 1, EVENT_WAIT_MS) : slotEvents > 0 ? hooks.nextEvents('card', slotEvents, EVENT_WAIT_MS) : undefined;
    await world.update(change, rebuild);
    await events;
    return refresh();
  };
  const profileName = (name: string): string => {
    if (!(CARD_PROFILE_NAMES as readonly string[]).includes(name)) {
      throw new ControlSurfaceError(`unknown profile "${name}"; one of: ${CARD_PROFILE_NAMES.join(', ')}`);
    }
    return name;
  };
  return {
    // async throughout: a refused argument is a rejected promise, so a caller's .catch() sees it.
    insertCard: async (profile) =>
      apply({ cardInserted: true, ...(profile === undefined ? {} : { profile: profileName(profile), tries: {} }) }, 'card'),
    removeCard: () => apply({ cardInserted: false }, 'card'),
    unplug: () => apply({ plugged: false }, 'none'),
    plug: () => apply({ plugged: true }, 'none'),
    setPinTries: async (pin, remaining) => {
      if (pin !== 'auth' && pin !== 'sign') throw new ControlSurfaceError(`pin must be 'auth' or 'sign', not ${String(pin)}`);
      const max = pin === 'auth' ? 3 : 5;
      if (!Number.isInteger(remaining) || remaining < 0 || remaining > max) {
        throw new ControlSurfaceError(`remaining tries for ${pin} must be 0..${max}`);
      }
      return apply({ tries: { ...world.current.tries, [pin]: remaining } }, 'tries');
    },
    enterWrongPin: async (pin) => {
      if (pin !== 'auth' && pin !== 'sign') throw new ControlSurfaceError(`pin must be 'auth' or 'sign', not ${String(pin)}`);
      await world.enterWrongPin(pin);
      return refresh();
    },
    useProfile: async (name) => apply({ profile: profileName(name), tries: {}, cardInserted: true }, 'card'),
    useReader: async (model) => {
      if (!(VIRTUAL_READER_MODELS as readonly string[]).includes(model)) throw new ControlSurfaceError(`reader must be one of ${VIRTUAL_READER_MODELS.join(', ')}`);
      return apply({ readerModel: model }, 'reader');
    },
    setReaderClass: async (interfaceClass, browser = 'chrome') => {
      if (interfaceClass !== 0x0b && interfaceClass !== 0xff) throw new ControlSurfaceError('class must be 0x0B or 0xFF');
      return apply({ interfaceClass, browser }, 'reader');
    },
    holdByOs: async (held) => {
      if (typeof held !== 'boolean') throw new ControlSurfaceError('holdByOs takes true or false');
      // The OS grabs a reader as it is plugged in; it lets go of the device in place.
      return apply({ heldByOs: held }, held ? 'reader' : 'faults');
    },
    setTiming: (on) => apply({ timing: on === true }, 'reader'),
    apduLog: () => world.drainApduLog(),
    cardPower: () => world.cardPower ?? null,
    usbStats: () => {
      const device = world.device;
      if (device === undefined) return { transfersIn: 0, transfersOut: 0, controlTransfers: 0, bytesIn: 0, bytesOut: 0 };
      const s = device.stats;
      device.resetStats();
      return { transfersIn: s.transfersIn, transfersOut: s.transfersOut, controlTransfers: s.controlTransfers, bytesIn: s.bytesIn, bytesOut: s.bytesOut };
    },
    reset: () =>
      apply({ readerModel: 'SCR3310', plugged: true, cardInserted: true, profile: 'healthy', tries: {}, interfaceClass: 0xff, browser: 'chrome', timing: false, heldByOs: false }, 'reader'),
    checkNow: () => refresh(),
    forgetCard: async (scope) => {
      hooks.forgetMemory();
      if (scope === 'all') await hooks.clearCardCache();
    },
    get state() {
      return world.current;
    },
    profiles: CARD_PROFILE_NAMES,
  };
}
