import { describe, expect, it } from 'vitest';
import { READER_FILTERS, SMART_CARD_CLASS } from '../../src/extension/setup/reader-filters';
import { detectOs, findChosen, udevRule, verdictOfRequestError } from '../../src/extension/setup/pairing';
import type { PairedReader } from '../../src/extension/messages';

const reader = (key: string, vendorId: number, productId: number, verdict: PairedReader['verdict'] = 'ready'): PairedReader => ({
  key,
  identity: { name: key, vendorId, productId, source: 'webusb-ccid' },
  verdict,
});

describe('the chooser filters', () => {
  it('offer every Smart Card class reader, so a refused one can be explained rather than hidden', () => {
    expect(READER_FILTERS).toContainEqual({ classCode: SMART_CARD_CLASS });
    expect(SMART_CARD_CLASS).toBe(0x0b);
  });

  it.each([
    ['SCR3310-NTTCom', 0x04e6, 0x511a],
    ['SCR331-DI-NTTCom', 0x04e6, 0x5120],
    ['RC-S380/S', 0x054c, 0x06c1],
    ['RC-S380/P', 0x054c, 0x06c3],
    ['RC-S300/S', 0x054c, 0x0dc8],
    ['RC-S300/P', 0x054c, 0x0dc9],
  ])('offer the vendor-class %s (%i:%i), which a class filter would miss', (_name, vendorId, productId) => {
    expect(READER_FILTERS).toContainEqual({ vendorId, productId });
  });
});

describe('what a chooser failure means', () => {
  it.each([
    ['the chooser was closed without a pick', new DOMException('No device selected.', 'NotFoundError'), 'cancelled'],
    ['no user gesture or WebUSB blocked by policy', new DOMException('Access denied.', 'SecurityError'), 'no-permission'],
    ['anything else', new TypeError('boom'), 'error'],
    ['a thrown string', 'weird', 'error'],
  ])('%s → %s', (_name, error, verdict) => {
    expect(verdictOfRequestError(error)).toBe(verdict);
  });
});

describe('finding the reader just chosen among the paired ones', () => {
  const list = [
    reader('072f:b100:#0', 0x072f, 0xb100, 'protected-class'),
    reader('04e6:511a:AAA', 0x04e6, 0x511a, 'os-busy'),
    reader('04e6:511a:BBB', 0x04e6, 0x511a, 'ready'),
  ];
  it('tells two readers of one model apart by serial number', () => {
    expect(findChosen(list, { vendorId: 0x04e6, productId: 0x511a, serialNumber: 'BBB' })?.verdict).toBe('ready');
    expect(findChosen(list, { vendorId: 0x04e6, productId: 0x511a, serialNumber: 'AAA' })?.verdict).toBe('os-busy');
  });
  it('falls back to the model when the reader has no serial number', () => {
    expect(findChosen(list, { vendorId: 0x072f, productId: 0xb100 })?.verdict).toBe('protected-class');
  });
  it('finds nothing when the background does not list the reader', () => {
    expect(findChosen(list, { vendorId: 0x1234, productId: 0x5678 })).toBeUndefined();
  });
});

describe('which system’s steps come first', () => {
  it.each([
    ['Win32', 'windows'],
    ['Windows', 'windows'],
    ['MacIntel', 'mac'],
    ['macOS', 'mac'],
    ['Linux x86_64', 'linux'],
    ['Linux', 'linux'],
    ['CrOS', 'other'],
    ['', 'other'],
  ] as const)('%j → %s', (platform, os) => {
    expect(detectOs(platform)).toBe(os);
  });

  it('writes a udev rule for the reader’s own ids in lower-case hex', () => {
    expect(udevRule(0x04e6, 0x511a)).toBe('SUBSYSTEM=="usb", ATTR{idVendor}=="04e6", ATTR{idProduct}=="511a", MODE="0660", TAG+="uaccess"');
  });
});
