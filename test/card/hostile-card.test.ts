/**
 * A card that answers anything: every JpkiCard operation must end — resolved or with one
 * of the card layer's coded errors — and never send more than a bounded number of APDUs.
 * Bytes from a card are hostile (STYLE §13).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AssistCard, CardChannel, CommonCard, JpkiCard, isCardError } from '../../src/card/index';
import type { ApduTransport, PinName } from '../../src/card/index';

/**
 * A VERIFY that presents a PIN, read from the raw bytes (not by the codec under test):
 * INS 20 and a body longer than a lone Le byte, i.e. short or extended Lc with data.
 */
function isVerifyWithData(command: Uint8Array): boolean {
  return command[1] === 0x20 && command.length > 5;
}

/** Answers from a list, then 6A82 forever; counts what it was sent and how many PINs. */
class RandomCard implements ApduTransport {
  sent = 0;
  verifiesWithData = 0;
  constructor(private readonly answers: readonly Uint8Array[]) {}
  async transmit(command: Uint8Array): Promise<Uint8Array> {
    if (isVerifyWithData(command)) this.verifiesWithData++;
    return this.answers[this.sent++] ?? Uint8Array.of(0x6a, 0x82);
  }
}

/** Mostly plausible status words (so operations get deep), sometimes raw junk. */
const answer = fc.oneof(
  fc.constantFrom(0x9000, 0x6a82, 0x6982, 0x63c2, 0x63c0, 0x6984, 0x6b00, 0x6100, 0x6110, 0x6c10, 0x6c00, 0x6f00, 0x6a86, 0x6a88).chain((sw) =>
    fc.uint8Array({ maxLength: 300 }).map((data) => Uint8Array.from([...data, sw >> 8, sw & 0xff])),
  ),
  fc.uint8Array({ maxLength: 8 }),
  fc.constant(Uint8Array.of(0x30, 0x82, 0x04, 0x00, 0x90, 0x00)),
);

const VERIFY_OP = 5;
const operations: ReadonlyArray<(j: JpkiCard) => Promise<unknown>> = [
  (j) => j.select(),
  (j) => j.tokenLabel(),
  (j) => j.readCertificate('auth'),
  (j) => j.readCertificate('sign'),
  (j) => j.pinStatus('auth'),
  (j) => j.verifyPin('sign', 'ABC123'),
  (j) => j.sign('auth', 'SHA-256', new Uint8Array(32)),
  (j) => j.hasSignCertificate(),
];

describe('JpkiCard against a card that answers at random', () => {
  it('ends every operation with a result or a coded card error, within a bounded number of APDUs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(answer, { maxLength: 40 }), fc.nat({ max: operations.length - 1 }), async (answers, op) => {
        const card = new RandomCard(answers);
        try {
          await operations[op]!(new JpkiCard(card));
        } catch (e) {
          if (!isCardError(e)) throw e;
        }
        // The worst case is a certificate: SELECTs, 128 reads, each with a few follow-ups.
        expect(card.sent).toBeLessThan(answers.length + 600);
        // Only verifyPin presents a PIN, and never more than once (issue 14 §4).
        expect(card.verifiesWithData).toBeLessThanOrEqual(op === VERIFY_OP ? 1 : 0);
      }),
      { numRuns: 1500 },
    );
  });

  /**
   * One PIN submission, one VERIFY with data on the wire — across GET RESPONSE (61xx),
   * 6Cxx, the re-select after 6A82/6A86/6A88/6986 on an assumed selection, and the 6F00
   * first-command retry. The submission comes after a select (so the selection is only
   * assumed) and, half the time, after a tries query (so the PIN EF may be current).
   */
  it('sends at most one VERIFY with data per PIN submission, whatever the card answers', async () => {
    const pinAnswer = fc.constantFrom(0x9000, 0x6100, 0x6104, 0x6c00, 0x6c04, 0x6f00, 0x6a82, 0x6a86, 0x6a88, 0x6986, 0x63c2, 0x63c0, 0x6983, 0x6984, 0x6982);
    const answers = fc.array(fc.oneof({ weight: 4, arbitrary: pinAnswer.map((sw) => Uint8Array.of(sw >> 8, sw & 0xff)) }, { weight: 1, arbitrary: answer }), { maxLength: 30 });
    await fc.assert(
      fc.asyncProperty(answers, fc.boolean(), fc.constantFrom<PinName>('auth', 'sign'), async (script, queryFirst, pin) => {
        const card = new RandomCard(script);
        const jpki = new JpkiCard(card);
        for (const step of [() => jpki.select(), ...(queryFirst ? [() => jpki.pinStatus(pin)] : [])]) {
          try {
            await step();
          } catch (e) {
            if (!isCardError(e)) throw e;
          }
        }
        const before = card.verifiesWithData;
        expect(before).toBe(0);
        try {
          await jpki.verifyPin(pin, pin === 'auth' ? '1234' : 'ABC123');
        } catch (e) {
          if (!isCardError(e)) throw e;
        }
        expect(card.verifiesWithData).toBeLessThanOrEqual(1);
      }),
      { numRuns: 1500 },
    );
  });
});

/** The other applications' clients on one channel, as the portal's modes use them (issue 10 §4). */
interface Clients {
  readonly jpki: JpkiCard;
  readonly assist: AssistCard;
  readonly common: CommonCard;
}

const ASSIST_VERIFY_OP = 2;
const appOperations: ReadonlyArray<(c: Clients) => Promise<unknown>> = [
  (c) => c.assist.select(),
  (c) => c.assist.pinStatus(),
  (c) => c.assist.verifyPin('1234'),
  (c) => c.assist.readBasicInfo(),
  (c) => c.common.readRecord(),
  (c) => c.jpki.signRaw('sign', new Uint8Array(51)),
];

describe('the 券面事項入力補助AP and 共通カードAP clients against a card that answers at random', () => {
  const tlvAnswer = fc.oneof(
    fc.constant(Uint8Array.of(0xff, 0x20, 0x82, 0x03, 0xff, 0x90, 0x00)),
    fc.constant(Uint8Array.of(0x01, 0x1c, 0x34, 0x30, 0x90, 0x00)),
    fc.uint8Array({ maxLength: 40 }).map((d) => Uint8Array.from([0xff, 0x20, d.length, ...d, 0x90, 0x00])),
  );

  it('ends every operation with a result or a coded card error, and presents the assist PIN at most once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(answer, tlvAnswer), { maxLength: 40 }), fc.nat({ max: appOperations.length - 1 }), fc.boolean(), async (answers, op, warm) => {
        const card = new RandomCard(answers);
        const channel = new CardChannel(card);
        const clients = { jpki: new JpkiCard(channel), assist: new AssistCard(channel), common: new CommonCard(channel) };
        // Half the time another application was used first, so the selection is only assumed.
        if (warm) await clients.jpki.select().catch((e: unknown) => { if (!isCardError(e)) throw e; });
        try {
          await appOperations[op]!(clients);
        } catch (e) {
          if (!isCardError(e)) throw e;
        }
        // The 基本4情報 is at most 1024 bytes: four reads, each with a few follow-ups.
        expect(card.sent).toBeLessThan(answers.length + 100);
        expect(card.verifiesWithData).toBeLessThanOrEqual(op === ASSIST_VERIFY_OP ? 1 : 0);
      }),
      { numRuns: 1500 },
    );
  });
});
