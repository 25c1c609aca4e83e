import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../src/bytes';
import { GetResponseTransport } from '../src/card/get-response';
import { drainWireLog, logWire, redactSecrets, whileSecret } from '../src/wire-log';

// The PIN digits 1234 / 5678 are ASCII 31 32 33 34 / 35 36 37 38.
describe('the wire log never shows a PIN', () => {
  it.each([
    ['VERIFY of the authentication PIN', '00 20 00 80 04 31 32 33 34', '00 20 00 80 04 <4 bytes redacted>'],
    ['VERIFY by SFI', '00 20 00 98 04 31 32 33 34', '00 20 00 98 04 <4 bytes redacted>'],
    ['CHANGE REFERENCE DATA with the new PIN only', '00 24 01 80 04 35 36 37 38', '00 24 01 80 04 <4 bytes redacted>'],
    ['CHANGE REFERENCE DATA with old and new', '00 24 00 80 08 31 32 33 34 35 36 37 38', '00 24 00 80 08 <8 bytes redacted>'],
    ['VERIFY with an extended length', '00 20 00 80 00 00 04 31 32 33 34', '00 20 00 80 00 00 04 <4 bytes redacted>'],
    ['RESET RETRY COUNTER', '00 2C 00 80 04 35 36 37 38', '00 2C 00 80 04 <4 bytes redacted>'],
  ])('%s', (_name, frame, shown) => {
    expect(redactSecrets(fromHex(frame))).toBe(shown);
  });

  it.each([
    ['the empty VERIFY (a status query)', '00 20 00 80'],
    ['a SELECT', '00 A4 02 0C 02 00 18'],
    ['a sign command (CLA 80, data a DigestInfo)', '80 2A 00 80 03 01 02 03 00'],
    ['a sign command whose digest happens to hold 04 20 .. .. 04 (an APDU is matched at its start only)', '80 2A 00 80 0A 04 20 00 80 04 31 32 33 34 00 00'],
  ])('leaves %s as it is', (_name, frame) => {
    expect(redactSecrets(fromHex(frame))).toBe(frame);
  });

  it('finds a VERIFY inside a T=1 I-block (NAD PCB LEN … LRC) logged at the t1 hop', () => {
    drainWireLog();
    logWire('t1', '>', fromHex('00 00 09 00 20 00 80 04 31 32 33 34 A8'));
    expect(drainWireLog()[0]?.hex).toBe('00 00 09 00 20 00 80 04 <4 bytes redacted> A8');
  });

  it('records what logWire is given with the PIN hidden, at every hop', () => {
    drainWireLog();
    logWire('ccid', '>', fromHex('6F 09 00 00 00 00 05 00 00 00 00 20 00 80 04 31 32 33 34'));
    const [record] = drainWireLog();
    expect(record?.hex).not.toContain('31 32 33 34');
    expect(record?.hex).toContain('<4 bytes redacted>');
  });

  it('hides any PIN wherever the command sits in a frame, whatever follows it', () => {
    // Bytes with a high nibble other than 0 cannot start a command (CLA 0x), so the
    // PIN-carrying command is the first thing the scan can match.
    const noise = fc.uint8Array({ maxLength: 40 }).map((b) => b.map((x) => x | 0x10));
    fc.assert(
      fc.property(noise, fc.constantFrom(0x20, 0x24, 0x2c), fc.stringMatching(/^[0-9A-Z]{4,16}$/), fc.uint8Array({ maxLength: 40 }), (before, ins, pin, after) => {
        const pinBytes = new TextEncoder().encode(pin);
        const head = Uint8Array.from([0x00, ins, 0x00, 0x80, pinBytes.length]);
        const frame = Uint8Array.from([...before, ...head, ...pinBytes, ...after]);
        const expected = [hex(before), hex(head), `<${pinBytes.length} bytes redacted>`].filter(Boolean).join(' ');
        drainWireLog();
        logWire('usb', '>', frame);
        expect(drainWireLog()[0]?.hex.startsWith(expected)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('seals every frame below the APDU hop while a PIN is on the wire, and only then', async () => {
    drainWireLog();
    await whileSecret(async () => logWire('t1', '>', fromHex('00 00 09 00 20 00 80 04 31 32 33 34 A8')));
    logWire('t1', '>', fromHex('00 40 02 90 00 D2'));
    const [sealed, open] = drainWireLog();
    expect(sealed?.hex).toBe('<13 bytes, sealed: a PIN is on the wire>');
    expect(open?.hex).toBe('00 40 02 90 00 D2');
  });

  it('fast-check: a PIN split over any number of T=1 blocks, CCID frames or USB transfers, behind any look-alike bytes, never shows', async () => {
    // Noise is drawn outside the PIN alphabet (ASCII 0-9, A-Z), so finding the PIN's hex in the log means the PIN leaked.
    const noise = fc.uint8Array({ maxLength: 12 }).map((b) => b.map((x) => (x < 0x30 ? x : x | 0x80)));
    const lookAlike = fc.constantFrom(new Uint8Array(0), fromHex('00 20'), fromHex('00 20 00 80'), fromHex('00 20 00 80 08'), fromHex('00 24 00'));
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[0-9A-Z]{4,16}$/),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.constantFrom('t1' as const, 'ccid' as const, 'usb' as const), { minLength: 1, maxLength: 3 }),
        noise,
        lookAlike,
        async (pin, cuts, hops, before, alike) => {
          const pinBytes = new TextEncoder().encode(pin);
          const verify = Uint8Array.from([0x00, 0x20, 0x00, 0x81, pinBytes.length, ...pinBytes]);
          // The layers below the APDU each log the command in their own pieces, with their own headers in front.
          const card = {
            async transmit(command: Uint8Array): Promise<Uint8Array> {
              const wire = Uint8Array.from([...before, ...alike, ...command]);
              for (const hop of hops) {
                let at = 0;
                for (const cut of cuts) {
                  if (at >= wire.length) break;
                  logWire(hop, '>', wire.subarray(at, at + cut));
                  at += cut;
                }
                if (at < wire.length) logWire(hop, '>', wire.subarray(at));
              }
              return fromHex('90 00');
            },
          };
          drainWireLog();
          await new GetResponseTransport(card).transmit(verify);
          // No byte of the PIN alphabet may show in any record, not even one piece of a split PIN.
          const shownBytes = drainWireLog().flatMap((r) => r.hex.split(' ').filter((t) => /^[0-9A-F]{2}$/i.test(t)).map((t) => parseInt(t, 16)));
          expect(shownBytes.filter((b) => b >= 0x30 && b <= 0x5a)).toEqual([]);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
