/**
 * The virtual hardware's settings, as plain JSON in chrome.storage.session, and the
 * parser that reads them back (storage is shared with the views, so it is checked).
 */
export const VIRTUAL_STATE_STORAGE_KEY = 'virtualReader';

/**
 * The timing model when the control surface turns it on, with real waits so the popup
 * feels like hardware. The contact link's time per byte comes from the ATR in the
 * virtual reader itself. Estimates, not measurements: a full-speed USB bulk transfer
 * completes on the next 1 ms frame; a simple card command (SELECT, READ BINARY, VERIFY
 * without data) takes a few ms of chip time (UNCONFIRMED for the My Number Card).
 */
export const VIRTUAL_TIMING = Object.freeze({ usbLatencyMs: 1, cardMsPerApdu: 4, cardMsPerByte: 0, clock: 'real' as const });

/**
 * The same estimates for the virtual RC-S380, whose air time comes from the Type B link
 * itself at the rate the driver and the card agreed in ATTRIB; no extra RSA time, as the
 * CCID model has none either.
 */
export const VIRTUAL_RCS380_TIMING = Object.freeze({ usbLatencyMs: 1, cardMsPerApdu: 4, signMs: 0, clock: 'real' as const });

/** The virtual readers the control surface can put on the desk: a vendor-class CCID reader or a Sony RC-S380. */
export const VIRTUAL_READER_MODELS = Object.freeze(['SCR3310', 'RC-S380'] as const);
export type VirtualReaderModel = (typeof VIRTUAL_READER_MODELS)[number];

export interface VirtualWorldState {
  /** Which reader: the CCID reader (its class set by interfaceClass) or the RC-S380 (Port-100). */
  readonly readerModel: VirtualReaderModel;
  readonly plugged: boolean;
  readonly cardInserted: boolean;
  /** A name from the virtual card's CARD_PROFILE_NAMES. */
  readonly profile: string;
  /** Remaining tries set through setPinTries, overriding the profile's. */
  readonly tries: { readonly auth?: number; readonly sign?: number };
  readonly interfaceClass: 0x0b | 0xff;
  readonly browser: 'chrome' | 'unrestricted';
  /** The virtual reader's timing model (real waits) on or off. */
  readonly timing: boolean;
  /**
   * The operating system's driver holds the reader (pcscd, usbccid, ifdreader): claiming
   * its interface fails with NetworkError, the virtual reader's 'claimed-by-os' fault.
   */
  readonly heldByOs: boolean;
}

/**
 * A plugged SCR3310-NTTCom-like reader (vendor class 0xFF, the one CCID reader Chrome lets
 * an extension claim, facts A1/B3) with a healthy adult card in it.
 */
export const DEFAULT_WORLD: VirtualWorldState = Object.freeze({
  readerModel: 'SCR3310',
  plugged: true,
  cardInserted: true,
  profile: 'healthy',
  tries: Object.freeze({}),
  interfaceClass: 0xff,
  browser: 'chrome',
  timing: false,
  heldByOs: false,
});

function isTries(v: unknown): v is VirtualWorldState['tries'] {
  if (typeof v !== 'object' || v === null) return false;
  const t = v as Record<string, unknown>;
  return ['auth', 'sign'].every((k) => t[k] === undefined || (Number.isInteger(t[k]) && (t[k] as number) >= 0 && (t[k] as number) <= 15));
}

export function parseWorldState(v: unknown): VirtualWorldState | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const s = v as Record<string, unknown>;
  const ok =
    typeof s.plugged === 'boolean' && typeof s.cardInserted === 'boolean' && typeof s.profile === 'string' &&
    isTries(s.tries) && (s.interfaceClass === 0x0b || s.interfaceClass === 0xff) &&
    (s.browser === 'chrome' || s.browser === 'unrestricted') && typeof s.timing === 'boolean' &&
    (s.heldByOs === undefined || typeof s.heldByOs === 'boolean') &&
    (s.readerModel === undefined || (VIRTUAL_READER_MODELS as readonly unknown[]).includes(s.readerModel));
  // A state stored before heldByOs (or readerModel) existed is a CCID reader nobody holds.
  return ok ? ({ ...s, heldByOs: s.heldByOs === true, readerModel: s.readerModel ?? 'SCR3310' } as unknown as VirtualWorldState) : undefined;
}
