import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MESSAGE, isCalendarDate, parseReply, parseRequest, type Request } from '../../src/extension/messages';

describe('view → background messages', () => {
  it.each([
    [{ type: MESSAGE.refresh }, { type: MESSAGE.refresh, force: false }],
    [{ type: MESSAGE.refresh, force: true }, { type: MESSAGE.refresh, force: true }],
    [{ type: MESSAGE.setPrintedExpiry, date: '2034-05-10' }, { type: MESSAGE.setPrintedExpiry, date: '2034-05-10' }],
    [{ type: MESSAGE.setPrintedExpiry, date: null }, { type: MESSAGE.setPrintedExpiry, date: null }],
    [{ type: MESSAGE.forgetReader, key: '04E6:511A:123' }, { type: MESSAGE.forgetReader, key: '04E6:511A:123' }],
    [{ type: MESSAGE.listReaders }, { type: MESSAGE.listReaders }],
  ])('accepts %j', (raw, parsed) => {
    expect(parseRequest(raw)).toEqual(parsed);
  });

  it.each([
    ['a refresh whose force is a string', { type: MESSAGE.refresh, force: 'yes' }],
    ['a printed expiry that is no real day', { type: MESSAGE.setPrintedExpiry, date: '2034-02-30' }],
    ['a printed expiry in another format', { type: MESSAGE.setPrintedExpiry, date: '2034/05/10' }],
    ['a printed expiry left out', { type: MESSAGE.setPrintedExpiry }],
    ['a forget without a key', { type: MESSAGE.forgetReader, key: '' }],
    ['an unknown type', { type: 'status/delete' }],
    ['an array', [MESSAGE.refresh]],
    ['null', null],
  ])('refuses %s', (_, raw) => {
    expect(parseRequest(raw)).toBeNull();
  });

  it('never throws on any JSON value, and only returns known types', () => {
    const known = new Set<string>(Object.values(MESSAGE));
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ type: fc.constantFrom(...known), force: fc.jsonValue(), date: fc.jsonValue(), key: fc.jsonValue() })), (raw) => {
        const parsed = parseRequest(raw);
        if (parsed !== null) expect(known.has(parsed.type)).toBe(true);
      }),
    );
  });

  it('knows real calendar days, including 29 February in leap years only', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2027-13-01')).toBe(false);
  });
});

describe('background → view replies', () => {
  const LIST: Request = { type: MESSAGE.listReaders };
  const REFRESH: Request = { type: MESSAGE.refresh, force: false };
  const READER = { key: 'virtual:1', identity: { name: 'SCR3310', vendorId: 0x04e6, productId: 0x511a, source: 'webusb-ccid' }, verdict: 'ready' };

  it.each([
    ['a plain yes', REFRESH, { ok: true }, { ok: true }],
    ['a yes to a list, with the list', LIST, { ok: true, readers: [READER] }, { ok: true, readers: [READER] }],
    ['a PC/SC reader without USB ids', LIST, { ok: true, readers: [{ ...READER, identity: { name: 'ACS ACR39U 00 00', source: 'native' } }] }, { ok: true, readers: [{ ...READER, identity: { name: 'ACS ACR39U 00 00', source: 'native' } }] }],
    ['a coded refusal', REFRESH, { ok: false, code: 'session-busy' }, { ok: false, code: 'session-busy' }],
    ['nothing (no listener answered)', REFRESH, undefined, { ok: false, code: 'bad-reply' }],
    ['a refusal with text for a code', REFRESH, { ok: false, code: 'Error: at foo (bar.js:1)' }, { ok: false, code: 'bad-reply' }],
    ['a list with a reader of unknown verdict', LIST, { ok: true, readers: [{ ...READER, verdict: 'maybe' }] }, { ok: false, code: 'bad-reply' }],
    ['a list that is not one', LIST, { ok: true, readers: 'all' }, { ok: false, code: 'bad-reply' }],
  ])('parses %s', (_, request, raw, reply) => {
    expect(parseReply(request, raw)).toEqual(reply);
  });

  it('fast-check: any value parses to a reply, never throws', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        expect(typeof parseReply(LIST, raw).ok).toBe('boolean');
      }),
    );
  });
});
