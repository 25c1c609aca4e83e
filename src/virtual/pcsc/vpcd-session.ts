/**
 * What one vpcd payload means to the card, and what goes back (vsmartcard `vpcd.c`):
 * power off / power on / reset get no answer; GET ATR and every APDU must get one,
 * because vpcd then blocks in recv() with no timeout of its own, and pcscd with it.
 * So an APDU is always answered: when the card throws, stalls or answers nonsense,
 * with `6F 00` (ISO 7816-4 "no precise diagnosis"). Pure code: no Node modules.
 */
import { encodeResponse } from '../../card/index';
import { SW } from '../../card/index';
import { withDeadline } from '../../deadline';
import { logWire } from '../../wire-log';
import { VpcdFrameError, VpcdTimeoutError } from './errors';
import { VPCD_CONTROL, VPCD_MAX_PAYLOAD } from './vpcd-protocol';

/** The card side of the bridge: the virtual JPKI card, or anything shaped like it. */
export interface VpcdCard {
  transmit(command: Uint8Array): Promise<Uint8Array>;
  /** Cold power-up; returns the ATR. */
  powerOn(): Uint8Array;
  powerOff(): void;
  /** Warm reset, if the card models one; otherwise the session power-cycles it. */
  reset?(): Uint8Array;
}

export type VpcdEvent =
  | { readonly kind: 'power-on' | 'power-off' | 'reset'; readonly atr?: Uint8Array }
  | { readonly kind: 'atr'; readonly atr: Uint8Array }
  | { readonly kind: 'apdu'; readonly command: Uint8Array; readonly response: Uint8Array; readonly ms: number }
  | { readonly kind: 'card-error'; readonly command: Uint8Array; readonly error: unknown }
  | { readonly kind: 'ignored'; readonly payload: Uint8Array; readonly reason: string };

export interface VpcdSessionOptions {
  /** Longest the card may take for one APDU, ms. An RSA-2048 signature is the slowest. */
  readonly cardTimeoutMs: number;
  readonly onEvent?: (event: VpcdEvent) => void;
}

const SW_LENGTH = 2;

export class VpcdSession {
  private atr: Uint8Array | undefined;
  private powered = false;
  private atrPollLogged = false;

  constructor(
    private readonly card: VpcdCard,
    private readonly options: VpcdSessionOptions,
  ) {}

  /** The answer to send back, or undefined when the payload gets none. */
  async handle(payload: Uint8Array): Promise<Uint8Array | undefined> {
    if (payload.length === 0) return this.ignore(payload, 'empty payload');
    if (payload.length === 1) return this.control(payload);
    return this.apdu(payload);
  }

  /** The reader went away (pcscd stopped, link lost): like pulling the card, it loses power. */
  detach(): void {
    this.atrPollLogged = false;
    if (!this.powered) return;
    this.card.powerOff();
    this.powered = false;
    this.emit({ kind: 'power-off' });
  }

  /**
   * A card whose power calls throw must still answer GET ATR, or vpcd waits forever: an
   * empty ATR tells vpcd "no card" (vsmartcard ifd-vpcd.c), which is what it then is.
   */
  private control(payload: Uint8Array): Uint8Array | undefined {
    try {
      return this.controlCard(payload);
    } catch (error) {
      this.emit({ kind: 'card-error', command: payload, error });
      return payload[0] === VPCD_CONTROL.GET_ATR ? new Uint8Array(0) : undefined;
    }
  }

  private controlCard(payload: Uint8Array): Uint8Array | undefined {
    const isPoll = payload[0] === VPCD_CONTROL.GET_ATR;
    // pcscd polls GET ATR about every 0.4 s; log the first poll of a link, not the heartbeat.
    const log = !isPoll || !this.atrPollLogged;
    if (log) logWire('vpcd', '>', payload);
    switch (payload[0]) {
      case VPCD_CONTROL.POWER_OFF:
        this.card.powerOff();
        this.powered = false;
        this.emit({ kind: 'power-off' });
        return undefined;
      case VPCD_CONTROL.POWER_ON:
        this.atr = this.card.powerOn();
        this.powered = true;
        this.emit({ kind: 'power-on', atr: this.atr });
        return undefined;
      case VPCD_CONTROL.RESET:
        this.atr = this.warmReset();
        this.powered = true;
        this.emit({ kind: 'reset', atr: this.atr });
        return undefined;
      case VPCD_CONTROL.GET_ATR: {
        const atr = this.knownAtr();
        if (log) logWire('vpcd', '<', atr);
        this.atrPollLogged = true;
        this.emit({ kind: 'atr', atr });
        return atr;
      }
      default:
        return this.ignore(payload, 'unknown control code');
    }
  }

  /**
   * pcscd polls GET ATR every few hundred ms to see whether the card is present, long
   * before it powers the card. Powering the card for each poll would end a verified PIN
   * (jpki-protocol §3.3), so the ATR is learnt once, by one cold power cycle at
   * "insertion", and kept.
   */
  private knownAtr(): Uint8Array {
    if (this.atr === undefined) {
      this.atr = this.card.powerOn();
      if (!this.powered) this.card.powerOff();
    }
    return this.atr;
  }

  private warmReset(): Uint8Array {
    if (this.card.reset) return this.card.reset();
    this.card.powerOff();
    return this.card.powerOn();
  }

  private async apdu(command: Uint8Array): Promise<Uint8Array> {
    logWire('vpcd', '>', command);
    const started = Date.now();
    let response: Uint8Array;
    try {
      response = await this.transmitWithDeadline(command);
      if (response.length < SW_LENGTH || response.length > VPCD_MAX_PAYLOAD) {
        throw new VpcdFrameError(`card answered ${response.length} bytes`, { length: response.length });
      }
    } catch (error) {
      this.emit({ kind: 'card-error', command, error });
      // The OS stack still needs an answer when the card gave no usable one.
      response = encodeResponse(new Uint8Array(0), SW.NO_PRECISE_DIAGNOSIS);
    }
    logWire('vpcd', '<', response);
    this.emit({ kind: 'apdu', command, response, ms: Date.now() - started });
    return response;
  }

  private transmitWithDeadline(command: Uint8Array): Promise<Uint8Array> {
    const ms = this.options.cardTimeoutMs;
    return withDeadline(ms, () => new VpcdTimeoutError(`card gave no answer within ${ms} ms`, { ms }), this.card.transmit(command));
  }

  private ignore(payload: Uint8Array, reason: string): undefined {
    logWire('vpcd', '>', payload);
    this.emit({ kind: 'ignored', payload, reason });
    return undefined;
  }

  private emit(event: VpcdEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch {
      // A failing observer must not take the card off the bus.
    }
  }
}
