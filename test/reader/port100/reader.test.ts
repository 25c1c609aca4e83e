/**
 * The RC-S380 driver byte for byte through a scripted USB device (STYLE §18): the open
 * sequence, each chip command, Type B activation, one APDU, power off, and what happens
 * when the reader sends a frame out of turn or never answers.
 */
import { describe, expect, it } from 'vitest';
import {
  NoCardInFieldError, Port100Reader, Port100SequenceError, Port100StatusError, TypeBActivationError, UsbTimeoutError, parseAtqb, pseudoAtr,
} from '../../../src/reader/port100/index';
import { ScriptedDevice, type Step } from '../ccid/scripted-device';
import {
  ACK, ACTIVATE_STEPS, ATQB, ATTRIB_424, OPEN_STEPS, RATE_106_STEP, RATE_424_STEP, RATE_CHECK_STEP, REQB_STEP, T30, TFWT, TYPE_B_STEPS, cmd, comm, commFail, commOk, h, rsp,
} from './frames';

function device(...steps: Step[]): ScriptedDevice {
  return new ScriptedDevice({ configuration: new Uint8Array(0), interfaceClass: 0xff, interrupt: false, vendorId: 0x054c, productId: 0x06c1, productName: 'RC-S380/S' }).script(...steps);
}

function done(dev: ScriptedDevice): void {
  expect(dev.problems).toEqual([]);
  expect(dev.remainingSteps).toBe(0);
}

const SELECT_JPKI = '00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01';
const RF_OFF = { out: cmd('06 00'), in: [ACK, rsp('07 00')] };

describe('open (facts §2.4)', () => {
  it('sends ACK, GetCommandType, SetCommandType 1, GetFirmwareVersion and SwitchRF off, and reports firmware 1.11', async () => {
    const dev = device(...OPEN_STEPS);
    const reader = await Port100Reader.open(dev.asUsbDevice());
    expect(reader.info).toMatchObject({ vendorId: 0x054c, productId: 0x06c1, firmwareVersion: '1.11', commandType: 1 });
    done(dev);
  });

  it('falls back to command type 0 when the mask lacks bit 1 (the kernel probe)', async () => {
    const dev = device(
      { out: ACK },
      { out: cmd('28'), in: [ACK, rsp('29 00 00 00 00 00 00 00 01')] },
      { out: cmd('2A 00'), in: [ACK, rsp('2B 00')] },
      { out: cmd('20'), in: [ACK, rsp('21 11 01')] },
      RF_OFF,
    );
    expect((await Port100Reader.open(dev.asUsbDevice())).info.commandType).toBe(0);
    done(dev);
  });

  it('fails with Port100StatusError when SetCommandType answers a status other than SUCCESS', async () => {
    const dev = device(OPEN_STEPS[0]!, OPEN_STEPS[1]!, { out: cmd('2A 01'), in: [ACK, rsp('2B 07')] });
    await expect(Port100Reader.open(dev.asUsbDevice())).rejects.toBeInstanceOf(Port100StatusError);
    expect(dev.opened).toBe(false);
  });

  it('refuses a response whose code is not the command code + 1 (Port100SequenceError)', async () => {
    const dev = device(OPEN_STEPS[0]!, { out: cmd('28'), in: [ACK, rsp('2B 00')] });
    await expect(Port100Reader.open(dev.asUsbDevice())).rejects.toBeInstanceOf(Port100SequenceError);
  });

  it('refuses a response that comes without its ACK first', async () => {
    const dev = device(OPEN_STEPS[0]!, { out: cmd('28'), in: [rsp('29 00 00 00 00 00 00 00 03')] });
    await expect(Port100Reader.open(dev.asUsbDevice())).rejects.toBeInstanceOf(Port100SequenceError);
  });

  it('cancels a command whose response never comes with a host ACK, then fails with a timeout', async () => {
    const dev = device(OPEN_STEPS[0]!, { out: cmd('28'), in: [ACK] }, { out: ACK });
    const started = Date.now();
    await expect(Port100Reader.open(dev.asUsbDevice(), { timeoutMs: 200 })).rejects.toBeInstanceOf(UsbTimeoutError);
    expect(Date.now() - started).toBeLessThan(3000);
    done(dev);
  });
});

describe('Type B activation (facts §2.5, §2.6)', () => {
  it('configures 106 kbit/s Type B, sends REQB 05 00 10 and ATTRIB with FSDI 8 and CID 0, and answers the PC/SC pseudo-ATR', async () => {
    const dev = device(...OPEN_STEPS, ...TYPE_B_STEPS, REQB_STEP, { out: comm(T30, '1D 11223344 00 08 01 00'), in: [ACK, commOk('00')] });
    const reader = await Port100Reader.open(dev.asUsbDevice(), { maxBitRate: 106 });
    // 3B 88 80 01, AppData 00 00 05 E0, ProtInfo B3 81 A1, MBLI 0, TCK: a My Number Card's ATR in pcsc-tools (facts §3.1).
    expect(await reader.powerOn()).toEqual(h('3B 88 80 01 00 00 05 E0 B3 81 A1 00 7F'));
    expect(reader.link).toEqual({ bitRate: 106 });
    done(dev);
  });

  it('asks a card whose ATQB offers 424 kbit/s both ways (B3) for 424 in ATTRIB, then switches the reader to 424B and checks the card answers', async () => {
    const dev = device(...OPEN_STEPS, ...ACTIVATE_STEPS);
    const reader = await Port100Reader.open(dev.asUsbDevice());
    expect(await reader.powerOn()).toEqual(h('3B 88 80 01 00 00 05 E0 B3 81 A1 00 7F'));
    expect(reader.link).toEqual({ bitRate: 424 });
    done(dev);
  });

  it('asks for 212 kbit/s when the ATQB offers 212 but not 424 (protocol info 91)', async () => {
    const dev = device(
      ...OPEN_STEPS, ...TYPE_B_STEPS,
      { out: comm(T30, '05 00 10'), in: [ACK, commOk('50 11223344 000005E0 9181A1')] },
      { out: comm(T30, '1D 11223344 00 58 01 00'), in: [ACK, commOk('00')] },
      { out: cmd('00 03 08 0F 08'), in: [ACK, rsp('01 00')] },
      RATE_CHECK_STEP,
    );
    const reader = await Port100Reader.open(dev.asUsbDevice());
    await reader.powerOn();
    expect(reader.link).toEqual({ bitRate: 212 });
    done(dev);
  });

  it('stays at 106 kbit/s and sends no InSetRF when the ATQB offers only 106 (protocol info 00)', async () => {
    const dev = device(
      ...OPEN_STEPS, ...TYPE_B_STEPS,
      { out: comm(T30, '05 00 10'), in: [ACK, commOk('50 11223344 000005E0 0081A1')] },
      { out: comm(T30, '1D 11223344 00 08 01 00'), in: [ACK, commOk('00')] },
    );
    const reader = await Port100Reader.open(dev.asUsbDevice());
    await reader.powerOn();
    expect(reader.link).toEqual({ bitRate: 106 });
    done(dev);
  });

  it('falls back to 106 kbit/s for the open reader when the card is silent after the switch to 424: field reset, REQB and ATTRIB at 106', async () => {
    const silent = { out: comm(TFWT, 'B2'), in: [ACK, commFail('80 00 00 00')] };
    const dev = device(
      ...OPEN_STEPS, ...TYPE_B_STEPS, REQB_STEP,
      { out: comm(T30, ATTRIB_424), in: [ACK, commOk('00')] },
      RATE_424_STEP,
      silent, silent,
      { out: cmd('06 00'), in: [ACK, rsp('07 00')] },
      RATE_106_STEP,
      REQB_STEP,
      { out: comm(T30, '1D 11223344 00 08 01 00'), in: [ACK, commOk('00')] },
    );
    const reader = await Port100Reader.open(dev.asUsbDevice());
    expect(await reader.powerOn()).toEqual(h('3B 88 80 01 00 00 05 E0 B3 81 A1 00 7F'));
    expect(reader.link).toEqual({ bitRate: 106 });
    done(dev);
  });

  it('switches the field off and says "no card" when nobody answers REQB (status 0x80)', async () => {
    const dev = device(...OPEN_STEPS, ...TYPE_B_STEPS, { out: comm(T30, '05 00 10'), in: [ACK, commFail('80 00 00 00')] }, RF_OFF);
    const reader = await Port100Reader.open(dev.asUsbDevice());
    await expect(reader.powerOn()).rejects.toBeInstanceOf(NoCardInFieldError);
    done(dev);
  });

  it('puts a card that will not take ATTRIB to sleep with HLTB and switches the field off', async () => {
    const dev = device(
      ...OPEN_STEPS, ...TYPE_B_STEPS,
      { out: comm(T30, '05 00 10'), in: [ACK, commOk(ATQB)] },
      { out: comm(T30, ATTRIB_424), in: [ACK, commFail('80 00 00 00')] },
      { out: comm(T30, '50 11223344'), in: [ACK, commOk('00')] },
      RF_OFF,
    );
    const reader = await Port100Reader.open(dev.asUsbDevice());
    await expect(reader.powerOn()).rejects.toBeInstanceOf(TypeBActivationError);
    done(dev);
  });

  it('reads the ATQB fields: FSC 256 from FSCI 8, FWI 10 (≈309 ms), CID supported', () => {
    const atqb = parseAtqb(h(ATQB));
    expect(atqb).toMatchObject({ fsc: 256, fwi: 10, cidSupported: true, nadSupported: false });
    expect(atqb.fwtMs).toBeCloseTo(309.3, 1);
    // The second My Number Card ATR of pcsc-tools (facts §3.1), from an ATQB with AppData 00 00 41 E0.
    expect(pseudoAtr(parseAtqb(h('50 AABBCCDD 000041E0 B381A1')), 0)).toEqual(h('3B 88 80 01 00 00 41 E0 B3 81 A1 00 3B'));
  });

  it('refuses an ATQB of a card that is not ISO 14443-4', () => {
    expect(() => parseAtqb(h('50 11223344 000005E0 B380A1'))).toThrow(TypeBActivationError);
  });
});

describe('APDUs and power off', () => {
  it('sends the APDU in an I-block with the FWT timeout, then DESELECT and RF off on powerOff', async () => {
    const dev = device(
      ...OPEN_STEPS, ...ACTIVATE_STEPS,
      { out: comm(TFWT, `02 ${SELECT_JPKI}`), in: [ACK, commOk('02 90 00')] },
      { out: comm(TFWT, 'C2'), in: [ACK, commOk('C2')] },
      RF_OFF,
    );
    const reader = await Port100Reader.open(dev.asUsbDevice());
    await reader.powerOn();
    expect(await reader.transmit(h(SELECT_JPKI))).toEqual(h('90 00'));
    await reader.powerOff();
    done(dev);
  });

  it('powers a card it activated off first, so every powerOn starts cold', async () => {
    const dev = device(
      ...OPEN_STEPS, ...ACTIVATE_STEPS,
      { out: comm(TFWT, 'C2'), in: [ACK, commOk('C2')] },
      RF_OFF,
      // The Type B settings persist in the chip (§2.5): only the rate goes back to 106 for REQB.
      RATE_106_STEP,
      REQB_STEP,
      { out: comm(T30, ATTRIB_424), in: [ACK, commOk('00')] },
      RATE_424_STEP,
      RATE_CHECK_STEP,
    );
    const reader = await Port100Reader.open(dev.asUsbDevice());
    await reader.powerOn();
    await reader.powerOn();
    done(dev);
  });

  it('reports "active" by R(NAK) → R(ACK) during a session, "absent" by a silent REQB otherwise', async () => {
    const dev = device(
      ...OPEN_STEPS, ...ACTIVATE_STEPS,
      { out: comm(TFWT, 'B2'), in: [ACK, commOk('A3')] },
      { out: comm(TFWT, 'C2'), in: [ACK, commOk('C2')] },
      RF_OFF,
      RATE_106_STEP,
      { out: comm(T30, '05 00 10'), in: [ACK, commFail('80 00 00 00')] },
      RF_OFF,
    );
    const reader = await Port100Reader.open(dev.asUsbDevice());
    await reader.powerOn();
    expect(await reader.slotStatus()).toBe('active');
    await reader.powerOff();
    expect(await reader.slotStatus()).toBe('absent');
    done(dev);
  });

  it('closes with a host ACK (the field is already off) and refuses further use', async () => {
    const dev = device(...OPEN_STEPS, { out: ACK });
    const reader = await Port100Reader.open(dev.asUsbDevice());
    await reader.close();
    done(dev);
    await expect(reader.transmit(h(SELECT_JPKI))).rejects.toMatchObject({ code: 'reader-closed' });
  });
});
