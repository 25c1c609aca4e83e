/**
 * The ISO-DEP engine, PCD side (ISO 14443-4 §7.5), one test per rule, with nfcpy's
 * published IsoDepInitiator vectors (tests/test_tag_tt4.py) as cases. The link is a script
 * of (block we must send, what comes back); fast-check feeds random answers and proves the
 * engine ends in a result or one of its typed errors, never a hang.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hex as spaced } from '../../../src/bytes';
import {
  CardLeftFieldError, IsoDepProtocolError, IsoDepSession, IsoDepTimeoutError, PORT100_ERRORS, type BlockResult, type IsoDepParameters,
} from '../../../src/reader/port100/index';
import { h } from './frames';

const hex = (b: Uint8Array): string => spaced(b).replace(/ /g, '');

type Reply = string | 'timeout' | 'invalid';

/** nfcpy's dep fixture: MIU 7 (FSC 10 less PCB and CRC_B), FWT 1 s. */
const NFCPY: IsoDepParameters = { fsc: 10, fsd: 256, fwtMs: 1000, maxRetries: 3, maxWtx: 20 };
const DELAY = 49152 / 13_560;

function scripted(steps: readonly (readonly [string, Reply])[]) {
  const sent: string[] = [];
  const waits: number[] = [];
  let i = 0;
  const link = async (block: Uint8Array, ms: number): Promise<BlockResult> => {
    sent.push(hex(block));
    waits.push(ms);
    const step = steps[i++];
    if (!step) throw new TypeError(`unexpected block ${hex(block)}`);
    if (hex(block) !== hex(h(step[0]))) throw new TypeError(`expected ${step[0]}, got ${hex(block)}`);
    const r = step[1];
    return r === 'timeout' || r === 'invalid' ? r : h(r);
  };
  return { link, sent, waits, done: () => expect(i).toBe(steps.length) };
}

async function run(steps: readonly (readonly [string, Reply])[], apdu: string, params = NFCPY) {
  const s = scripted(steps);
  const dep = new IsoDepSession(s.link, params);
  const result = await dep.transceive(h(apdu)).then((r) => hex(r), (e: unknown) => e);
  return { result, ...s, dep };
}

describe('ISO-DEP I-blocks and block numbers (rules A, B)', () => {
  it('starts with block number 0 and toggles after each answer (nfcpy test_send_less_than_miu)', async () => {
    const s = scripted([['02 01', '02 0203'], ['03 0102', '03 0203'], ['02 01020304050607', '02 0203']]);
    const dep = new IsoDepSession(s.link, NFCPY);
    expect(hex(await dep.transceive(h('01')))).toBe('0203');
    expect(hex(await dep.transceive(h('0102')))).toBe('0203');
    expect(hex(await dep.transceive(h('01020304050607')))).toBe('0203');
    s.done();
  });

  it('waits FWT plus the 49152/fc frame delay for each block', async () => {
    const r = await run([['02 0102', '02 9000']], '0102');
    expect(r.waits).toEqual([1000 + DELAY]);
  });
});

describe('chaining', () => {
  it('chains a command longer than FSC and sends the next part on R(ACK) (rule 7; nfcpy test_send_more_than_miu)', async () => {
    const r = await run([['12 01020304050607', 'A2'], ['03 08', '03 0203']], '0102030405060708');
    expect(r.result).toBe('0203');
    r.done();
  });

  it('acknowledges each chained block of the answer with R(ACK) (rule 2; nfcpy test_recv_more_with_no_error)', async () => {
    const r = await run([['02 0102', '12 0102'], ['A3', '13 0304'], ['A2', '02 0506']], '0102');
    expect(r.result).toBe('010203040506');
    r.done();
  });

  it('repeats R(ACK) when a chained block is lost or damaged (rule 5; nfcpy test_recv_more_retry_*)', async () => {
    const r = await run([['02 0102', '12 0102'], ['A3', 'timeout'], ['A3', '13 0304'], ['A2', 'invalid'], ['A2', '02 0506']], '0102');
    expect(r.result).toBe('010203040506');
    r.done();
  });

  it('answers an I-block where our chain needs R(ACK) with R(NAK) (nfcpy test_send_more_recv_not_ack raises at once)', async () => {
    const r = await run([['12 01020304050607', '02 0203'], ['B2', 'A2'], ['03 08', '03 9000']], '0102030405060708');
    expect(r.result).toBe('9000');
    r.done();
  });
});

describe('errors and retransmission', () => {
  it('sends R(NAK) after a damaged block and takes the answer (rule 4; nfcpy test_send_with_transmission_error)', async () => {
    const r = await run([['02 0102', 'invalid'], ['B2', '02 0203']], '0102');
    expect(r.result).toBe('0203');
    r.done();
  });

  it('sends R(NAK) after a timeout, never the I-block (rule 4; nfcpy test_send_with_timeout_error)', async () => {
    const r = await run([['02 0102', 'timeout'], ['B2', '02 0203']], '0102');
    expect(r.result).toBe('0203');
    r.done();
  });

  it('resends the last I-block when R(ACK) carries the other block number (rule 6; nfcpy test_send_retransmit_after_ack)', async () => {
    const r = await run([['02 0102', 'A3'], ['02 0102', '02 0203']], '0102');
    expect(r.result).toBe('0203');
    r.done();
  });

  it('answers an I-block with the wrong block number with R(NAK) (nfcpy test_send_recv_wrong_pni gives up at once)', async () => {
    const r = await run([['02 0102', '03 0203'], ['B2', '02 0203']], '0102');
    expect(r.result).toBe('0203');
  });

  it('treats a block with fixed bits wrong as invalid (nfcpy test_send_last_recv_not_inf: 22)', async () => {
    const r = await run([['02 0102', '22'], ['B2', '02 9000']], '0102');
    expect(r.result).toBe('9000');
  });

  it('gives up with CardLeftFieldError after three unanswered R(NAK)s: the card left the field', async () => {
    const r = await run([['02 0102', 'timeout'], ['B2', 'timeout'], ['B2', 'timeout'], ['B2', 'timeout']], '0102');
    expect(r.result).toBeInstanceOf(CardLeftFieldError);
    r.done();
  });

  it('gives up with IsoDepProtocolError after three retries on damaged blocks (a NAK storm)', async () => {
    const r = await run([['02 0102', 'invalid'], ['B2', 'invalid'], ['B2', 'timeout'], ['B2', 'invalid']], '0102');
    expect(r.result).toBeInstanceOf(IsoDepProtocolError);
    expect((r.result as IsoDepProtocolError).details.reason).toBe('retries');
  });
});

describe('a PIN goes on the wire once', () => {
  const VERIFY = '00 20 00 80 04 31323334';

  it('ends the command instead of resending a VERIFY block the card asks for again (rule 6)', async () => {
    const r = await run([[`02 ${VERIFY}`, 'A3']], VERIFY, { ...NFCPY, fsc: 256 });
    expect(r.result).toBeInstanceOf(IsoDepProtocolError);
    expect((r.result as IsoDepProtocolError).details.reason).toBe('pin-once');
    expect(r.sent.filter((b) => b.includes('31323334'))).toHaveLength(1);
  });

  it('recovers a lost answer to VERIFY with R(NAK), which carries no PIN', async () => {
    const r = await run([[`02 ${VERIFY}`, 'timeout'], ['B2', '02 9000']], VERIFY, { ...NFCPY, fsc: 256 });
    expect(r.result).toBe('9000');
    expect(r.sent.filter((b) => b.includes('31323334'))).toHaveLength(1);
  });
});

describe('S(WTX) and S(DESELECT)', () => {
  it('echoes S(WTX) and waits FWT × WTXM for the next block (nfcpy test_send_recv_waiting_time_ext)', async () => {
    const r = await run([['02 0102', 'F2 02'], ['F2 02', '02 0203']], '0102');
    expect(r.result).toBe('0203');
    expect(r.waits).toEqual([1000 + DELAY, 2000 + DELAY]);
  });

  it('ends a storm of S(WTX) in IsoDepTimeoutError once the bound is passed', async () => {
    const steps: [string, Reply][] = [['02 0102', 'F2 01'], ...Array.from({ length: 3 }, (): [string, Reply] => ['F2 01', 'F2 01'])];
    const r = await run(steps, '0102', { ...NFCPY, maxWtx: 3 });
    expect(r.result).toBeInstanceOf(IsoDepTimeoutError);
  });

  it('caps WTXM at 59 (60..63 are RFU)', async () => {
    const r = await run([['02 0102', 'F2 3F'], ['F2 3B', '02 9000']], '0102');
    expect(r.waits[1]).toBe(59_000 + DELAY);
  });

  it('sends S(DESELECT) and takes its answer', async () => {
    const s = scripted([['C2', 'C2']]);
    await new IsoDepSession(s.link, NFCPY).deselect();
    s.done();
  });

  it('checks presence with R(NAK) and reads R(ACK) as "there" (nfcpy test_is_present: B2 → A3)', async () => {
    const s = scripted([['B2', 'A3'], ['B2', 'timeout'], ['B2', 'timeout']]);
    const dep = new IsoDepSession(s.link, NFCPY);
    expect(await dep.present()).toBe(true);
    expect(await dep.present()).toBe(false);
    s.done();
  });
});

describe('random card blocks (fast-check)', () => {
  const PORT100_CLASSES = Object.values(PORT100_ERRORS);
  const reply = fc.oneof(
    fc.constant<'timeout'>('timeout'),
    fc.constant<'invalid'>('invalid'),
    fc.uint8Array({ minLength: 0, maxLength: 12 }),
    fc.tuple(fc.constantFrom(0x02, 0x03, 0x12, 0x13, 0xa2, 0xa3, 0xb2, 0xb3, 0xf2, 0xc2, 0x0a, 0x1a), fc.uint8Array({ maxLength: 8 })).map(([pcb, inf]) => Uint8Array.from([pcb, ...inf])),
  );

  it('ends every exchange in an answer or a typed Port-100 error, within a bounded number of blocks', async () => {
    await fc.assert(fc.asyncProperty(fc.array(reply, { minLength: 1, maxLength: 60 }), fc.boolean(), async (replies, pin) => {
      let i = 0;
      const link = async (): Promise<BlockResult> => replies[i++ % replies.length]!;
      const dep = new IsoDepSession(link, { ...NFCPY, maxWtx: 5 });
      const apdu = pin ? h('00 20 00 80 04 31323334') : h('00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01');
      try {
        const out = await dep.transceive(apdu);
        expect(out).toBeInstanceOf(Uint8Array);
      } catch (e) {
        expect(PORT100_CLASSES.some((cls) => e instanceof cls), String(e)).toBe(true);
      }
      expect(i).toBeLessThan(70_000);
    }), { numRuns: 500 });
  });
});
