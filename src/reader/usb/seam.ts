/**
 * The one mechanism that maps a WebUSB driver's errors onto the driver-neutral reader
 * errors (../errors.ts) at its upper seam: each driver supplies only its table of codes
 * (CCID, Port-100); a neutral error passes as it is; a raw WebUSB DOMException that got
 * past the driver is named by its DOMException name; anything else is a reader doing
 * what it must not, so the exchange cannot be trusted. The original error stays as
 * `cause` and its code as `details.driverCode`, so logs still say what the driver saw.
 */
import { BridgeError } from '../../error';
import { ReaderBusyError, ReaderCancelledError, ReaderGoneError, ReaderProtectedError, ReaderProtocolError, READER_SEAM_ERRORS } from '../errors';
import { domName } from './transport';

export type SeamClass = (typeof READER_SEAM_ERRORS)[keyof typeof READER_SEAM_ERRORS];
export type SeamError = InstanceType<SeamClass>;

/** WebUSB's DOMException names (facts A1, A2, A3) as they reach a seam unmapped. */
const DOM_TO_SEAM: Readonly<Record<string, SeamClass>> = {
  NotFoundError: ReaderGoneError,
  SecurityError: ReaderProtectedError,
  NetworkError: ReaderBusyError,
  AbortError: ReaderCancelledError,
  InvalidStateError: ReaderGoneError,
};

const SEAM_CLASSES: readonly SeamClass[] = Object.values(READER_SEAM_ERRORS);

function isSeamError(e: unknown): e is SeamError {
  return SEAM_CLASSES.some((cls) => e instanceof cls);
}

export interface Seam {
  toSeamError(e: unknown): SeamError;
  /** Runs `op`, rethrowing whatever it throws as a neutral reader error. */
  atSeam<T>(op: () => Promise<T>): Promise<T>;
}

/** The seam of one driver, given its error classes by code and what each code means above it. */
export function webUsbSeam<C extends string>(
  driverErrors: Readonly<Record<C, abstract new (...args: never[]) => BridgeError>>,
  toNeutral: { readonly [K in C]: SeamClass },
): Seam {
  const isDriverError = (e: unknown): e is BridgeError & { code: C } =>
    e instanceof BridgeError && Object.hasOwn(driverErrors, e.code) && e instanceof driverErrors[e.code as C];
  const toSeamError = (e: unknown): SeamError => {
    if (isSeamError(e)) return e;
    if (isDriverError(e)) return new toNeutral[e.code](e.message, { ...e.details, driverCode: e.code }, { cause: e });
    const name = domName(e);
    const Dom = DOM_TO_SEAM[name];
    const message = e instanceof Error ? e.message : String(e);
    if (Dom) return new Dom(message, { driverCode: `dom-${name}` }, { cause: e });
    return new ReaderProtocolError(`unexpected reader failure: ${message}`, { driverCode: name === '' ? 'unknown' : `dom-${name}` }, { cause: e });
  };
  return {
    toSeamError,
    async atSeam<T>(op: () => Promise<T>): Promise<T> {
      try {
        return await op();
      } catch (e) {
        throw toSeamError(e);
      }
    },
  };
}
