import { describe, expect, it } from 'vitest';
import { isBadRequest, parseHostMessage, parseRequest, resultOf } from '../../../src/reader/native/index';

describe('the companion request parser', () => {
  it.each([
    [{ id: 1, type: 'hello' }, { id: 1, type: 'hello' }],
    [{ id: 2, type: 'list', extra: true }, { id: 2, type: 'list' }],
    [{ id: 3, type: 'connect', reader: 'ACS ACR39U ICC Reader 00 00' }, { id: 3, type: 'connect', reader: 'ACS ACR39U ICC Reader 00 00' }],
    [{ id: 4, type: 'transmit', handle: 1, apdu: '00a4040c0ad392f000260100000001' }, { id: 4, type: 'transmit', handle: 1, apdu: '00a4040c0ad392f000260100000001' }],
    [{ id: 5, type: 'disconnect', handle: 1, disposition: 'unpower' }, { id: 5, type: 'disconnect', handle: 1, disposition: 'unpower' }],
    [{ id: 6, type: 'begin', handle: 7 }, { id: 6, type: 'begin', handle: 7 }],
  ])('accepts %j', (input, parsed) => {
    expect(parseRequest(input)).toEqual(parsed);
  });

  it.each([
    ['a string', 'hello', null, 'JSON object'],
    ['no id', { type: 'hello' }, null, 'id'],
    ['a fractional id', { id: 1.5, type: 'hello' }, null, 'id'],
    ['an unknown type', { id: 7, type: 'format-card' }, 7, 'unknown request type "format-card"'],
    ['a numeric type', { id: 7, type: 3 }, 7, 'type must be a string'],
    ['connect without a reader', { id: 8, type: 'connect' }, 8, 'reader'],
    ['transmit with odd hex', { id: 9, type: 'transmit', handle: 1, apdu: '00a4040' }, 9, 'apdu'],
    ['transmit with spaced hex', { id: 9, type: 'transmit', handle: 1, apdu: '00 a4 04 0c' }, 9, 'apdu'],
    ['transmit of three bytes (no APDU is that short)', { id: 9, type: 'transmit', handle: 1, apdu: '00a404' }, 9, 'apdu'],
    ['transmit with a string handle', { id: 9, type: 'transmit', handle: '1', apdu: '00a4040c' }, 9, 'handle'],
    ['disconnect with an unknown disposition', { id: 10, type: 'disconnect', handle: 1, disposition: 'eject' }, 10, 'disposition'],
  ])('refuses %s as bad-request, keeping the id it could read', (_what, input, id, message) => {
    const r = parseRequest(input);
    expect(isBadRequest(r)).toBe(true);
    expect(r).toMatchObject({ id });
    expect((r as { message: string }).message).toContain(message);
  });
});

describe('what the extension accepts from the host', () => {
  it('tells replies, errors and events apart', () => {
    expect(parseHostMessage({ id: 1, version: '0.1.0', protocol: 1 })).toEqual({ kind: 'reply', id: 1, fields: { id: 1, version: '0.1.0', protocol: 1 } });
    expect(parseHostMessage({ id: null, error: { code: 'bad-request', message: 'x' } })).toEqual({ kind: 'reply', id: null, error: { code: 'bad-request', message: 'x' } });
    expect(parseHostMessage({ type: 'event', reader: 'R', state: 'gone' })).toEqual({ kind: 'event', event: { type: 'event', reader: 'R', state: 'gone' } });
  });

  it('reads an error code it does not know (a newer host) as the generic pcsc-error', () => {
    expect(parseHostMessage({ id: 2, error: { code: 'quantum-flux', message: 'm' } })).toMatchObject({ error: { code: 'pcsc-error' } });
  });

  it.each([[null], [{ id: 'x' }], [{ type: 'event', reader: 'R', state: 'half' }], [{ id: 1, error: 'no' }], [{ id: null }]])('refuses %j', (v) => {
    expect(parseHostMessage(v)).toBeUndefined();
  });

  it('checks result fields against the request they answer', () => {
    expect(resultOf('transmit', { response: '9000' })).toEqual({ response: '9000' });
    expect(resultOf('transmit', { response: '90' })).toBeUndefined();
    expect(resultOf('connect', { handle: 1, atr: '3bzz', protocol: 'T=1' })).toBeUndefined();
    expect(resultOf('list', { readers: [{ name: 3 }] })).toBeUndefined();
  });
});
