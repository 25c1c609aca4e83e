/**
 * What the pairing chooser offers (webusb-ccid.md §D1): every Smart Card class reader,
 * so the page can explain a refusal instead of hiding the reader, plus the readers known
 * to carry their protocol on a vendor-class interface, which a class filter would miss.
 */

/** USB interface class of CCID readers (CCID rev 1.1 §4.3; Chrome protects it, facts A1). */
export const SMART_CARD_CLASS = 0x0b;

/** Sony RC-S300/S and /P (054C:0DC8, 054C:0DC9; facts sony-readers.md §4): offered so the page can say the companion is their route. */
export const RC_S300_IDS = Object.freeze([
  Object.freeze({ vendorId: 0x054c, productId: 0x0dc8 }),
  Object.freeze({ vendorId: 0x054c, productId: 0x0dc9 }),
]);

export function isRcs300(ids: { readonly vendorId: number; readonly productId: number }): boolean {
  return RC_S300_IDS.some((d) => d.vendorId === ids.vendorId && d.productId === ids.productId);
}

export const READER_FILTERS: readonly USBDeviceFilter[] = Object.freeze([
  { classCode: SMART_CARD_CLASS },
  // SCR3310-NTTCom: CCID on a vendor-class interface, claimable (facts B3).
  { vendorId: 0x04e6, productId: 0x511a },
  // SCR331-DI-NTTCom: vendor class, two slots (facts B3).
  { vendorId: 0x04e6, productId: 0x5120 },
  // The other readers whose CCID interface is vendor class 0xFF, which the driver supports
  // and Chrome lets an extension claim (the support sweep, test/reader/all-readers.test.ts,
  // checks this list covers every one of them).
  { vendorId: 0x04e6, productId: 0x5111 }, // SCM SCR331-DI
  { vendorId: 0x04e6, productId: 0x5121 }, // SCM SDI010
  { vendorId: 0x04e6, productId: 0x512b }, // SCM SDI011
  { vendorId: 0x04e6, productId: 0x512c }, // SCM SDI011
  { vendorId: 0x04e6, productId: 0x5291 }, // SCM SCL010
  { vendorId: 0x04e6, productId: 0x5292 }, // SCM SCL01x
  { vendorId: 0x046a, productId: 0x003e }, // Cherry SmartTerminal ST-2xxx
  { vendorId: 0x076b, productId: 0x532a }, // OMNIKEY Smart Card Reader USB
  { vendorId: 0x0c4b, productId: 0x0300 }, // Reiner-SCT cyberJack pinpad(a)
  { vendorId: 0x0c4b, productId: 0x0500 }, // REINER SCT cyberJack RFID standard
  { vendorId: 0x1db2, productId: 0x0600 }, // DUALi DE-ABCM6
  { vendorId: 0x1db2, productId: 0x0604 }, // DUALi DRAGON BT
  // Sony RC-S380 (two ids): vendor-class Port-100 device, no CCID (facts B3, sony-readers.md).
  { vendorId: 0x054c, productId: 0x06c1 },
  { vendorId: 0x054c, productId: 0x06c3 },
  // Sony RC-S300/S and /P: CCID is class 0x0B, but an extra vendor interface is reported (facts B3, UNCONFIRMED).
  ...RC_S300_IDS,
]);
