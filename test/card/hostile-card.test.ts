/**
 * A card that answers anything: every JpkiCard operation must end — resolved or with one
 * of the card layer's coded errors — and never send more than a bounded number of APDUs.
 * Bytes from a card are hostile (STYLE §13).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JpkiCard, isCardError } from '../../src/card/index';
import type { ApduTransport } from '../../src/card/index';

/** Answers from a list, then 6A82 forever; counts what it was sent. */
class RandomCard implements ApduTransport {
  sent = 0;
  constructor(private readonly answers: readonly Uint8Array[]) {}
  async transmit(): Promise<Uint8Array> {
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
      }),
      { numRuns: 1500 },
    );
  });
});
