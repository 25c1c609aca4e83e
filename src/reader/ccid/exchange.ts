/**
 * The exchange level, chosen from the descriptor in ONE place (STYLE §5; libccid
 * CmdXfrBlock): TPDU readers get T=1 (after PPS, SetParameters and S(IFS) as the
 * reader needs, facts B3), short-APDU readers one XfrBlock per APDU, extended-APDU
 * readers chained XfrBlocks with wLevelParameter when an APDU exceeds a message.
 */
import { bytesEqual, concat } from '../../bytes';
import { MAX_RESPONSE_APDU_LENGTH } from '../../card/index';
import { CONFIG } from '../../config';
import type { ApduTransport } from '../../card/index';
import { CCID_HEADER_LENGTH, CHAIN, FEATURE, PPS, PROTOCOL_NUM, T1, T1_PARAMETERS } from '../../spec/index';
import { COMMANDS } from './messages';
import { DEFAULT_FI_DI, FD, fiDiValues } from './atr';
import { edcLength, lrc, type Edc } from './t1-block';
import { T1Session } from './t1';
import { ReaderCommandError, ReaderFramingError, UnsupportedReaderError, type UnsupportedReason } from './errors';
import type { SlotChannel } from './slot';
import type { ReaderCapabilities } from './quirks';
import type { Atr, CcidDescriptor, ExchangeLevel } from './types';

/** An RSA-2048 signature plus SW1 SW2: the largest answer JPKI needs in one APDU-level reply. */
const LARGEST_JPKI_RESPONSE = 258;
/** Smallest T=1 INF we accept from a reader's message size; below it a 258-byte answer takes dozens of blocks. */
const MIN_T1_INF = 32;

/** Refuses, with a reason, what this driver cannot drive (called at open, and again by tests for every dump). */
export function checkSupport(descriptor: CcidDescriptor, caps: ReaderCapabilities, identity: Record<string, number> = {}): void {
  const refuse = (reason: UnsupportedReason, message: string): never => {
    throw new UnsupportedReaderError(message, { ...identity, reason, exchangeLevel: descriptor.exchangeLevel });
  };
  if (caps.refusal) refuse(caps.refusal.reason, caps.refusal.message);
  if (descriptor.exchangeLevel === 'character') {
    refuse('character-level', 'this reader works at character level, which needs byte-by-byte timing WebUSB cannot give');
  }
  if (!descriptor.protocols.includes('T=1')) refuse('no-t1', 'this reader does not offer T=1, the only protocol of the My Number Card');
  const room = caps.maxMessageLength - CCID_HEADER_LENGTH;
  if (descriptor.exchangeLevel === 'tpdu' && room - T1.PROLOGUE_LENGTH - 2 < MIN_T1_INF) {
    refuse('message-too-small', `dwMaxCCIDMessageLength ${caps.maxMessageLength} leaves no room for a T=1 block`);
  }
  if (descriptor.exchangeLevel === 'short-apdu' && room < LARGEST_JPKI_RESPONSE) {
    refuse('message-too-small', `dwMaxCCIDMessageLength ${caps.maxMessageLength} cannot carry a ${LARGEST_JPKI_RESPONSE}-byte response`);
  }
  if (descriptor.exchangeLevel === 'extended-apdu' && room < 1) {
    refuse('message-too-small', `dwMaxCCIDMessageLength ${caps.maxMessageLength} cannot carry a message`);
  }
}

export interface Exchange extends ApduTransport {
  readonly level: Exclude<ExchangeLevel, 'character'>;
}

export interface ExchangeContext {
  readonly slot: SlotChannel;
  readonly descriptor: CcidDescriptor;
  readonly caps: ReaderCapabilities;
  readonly commandTimeoutMs: number;
}

/** Builds the exchange for a freshly powered card; TPDU readers also get PPS, parameters and IFSD here. */
export async function startExchange(ctx: ExchangeContext, atr: Atr): Promise<Exchange> {
  const level = ctx.descriptor.exchangeLevel;
  if (level === 'tpdu') return startT1(ctx, atr);
  if (level === 'short-apdu' || level === 'extended-apdu') return apduExchange(ctx, level);
  throw new UnsupportedReaderError('character-level readers are not supported', { reason: 'character-level' });
}

function apduExchange(ctx: ExchangeContext, level: 'short-apdu' | 'extended-apdu'): Exchange {
  const room = ctx.caps.maxMessageLength - CCID_HEADER_LENGTH;
  const xfr = async (data: Uint8Array, wLevelParameter: number) =>
    ctx.slot.run(COMMANDS.xfrBlock(data, 0, wLevelParameter), { timeoutMs: ctx.commandTimeoutMs });
  return {
    level,
    async transmit(apdu: Uint8Array): Promise<Uint8Array> {
      if (apdu.length <= room) return collectResponse(xfr, await xfr(apdu, CHAIN.beginsAndEnds));
      if (level === 'short-apdu') {
        throw new ReaderCommandError(`a ${apdu.length}-byte APDU does not fit this short-APDU reader`, { reason: 'apdu-too-long', length: apdu.length });
      }
      // CCID §6.1.4 wLevelParameter: 01 begins, 03 continues, 02 ends (facts B1).
      let reply;
      for (let at = 0; at < apdu.length; at += room) {
        const last = at + room >= apdu.length;
        const chain = at === 0 ? CHAIN.beginsContinues : last ? CHAIN.continuesEnds : CHAIN.continuesMore;
        reply = await xfr(apdu.subarray(at, at + room), chain);
      }
      return collectResponse(xfr, reply!);
    },
  };
}

type Xfr = (data: Uint8Array, wLevelParameter: number) => ReturnType<SlotChannel['run']>;

/** Follows bChainParameter 01/03 with empty XfrBlocks carrying 0x10 until 00/02 (libccid CmdXfrBlockAPDU_extended). */
async function collectResponse(xfr: Xfr, first: Awaited<ReturnType<Xfr>>): Promise<Uint8Array> {
  const parts = [first.data];
  let reply = first;
  let total = first.data.length;
  while (reply.specific === CHAIN.beginsContinues || reply.specific === CHAIN.continuesMore) {
    if (total > MAX_RESPONSE_APDU_LENGTH) throw new ReaderFramingError('the reader chained a response beyond any APDU size', { reason: 'chain-too-long' });
    // A part that carries nothing makes no progress: without this a reader answering
    // "continues" with empty blocks would keep us here forever, each reply in time.
    if (reply.data.length === 0) throw new ReaderFramingError('the reader chained an empty response part', { reason: 'chain-empty' });
    reply = await xfr(new Uint8Array(0), CHAIN.emptyContinue);
    parts.push(reply.data);
    total += reply.data.length;
  }
  return concat(...parts);
}

/** BWT + time to move the two largest blocks, from the ATR and the reader's clock, plus the stated margin (STYLE §11). */
export function t1BlockTimeoutMs(bwi: number, fiDi: number, clockKHz: number, wtx: number): number {
  const { fi, di } = fiDiValues(fiDi) ?? { fi: FD, di: 1 };
  const f = Math.max(1, clockKHz) * 1000;
  const etu = fi / (di * f);
  // ISO 7816-3 §11.4.3: BWT = 11 etu + 2^BWI × 960 × Fd / f.
  const bwt = 11 * etu + 2 ** bwi * 960 * (FD / f);
  // Two full blocks at 12 etu a character. CWT (the gap allowed between characters) is
  // not added: a TPDU reader times characters itself and answers "ICC mute" when one is
  // late, so the host needs only the block-level bound.
  const transfer = 2 * (T1.PROLOGUE_LENGTH + T1.MAX_INF + 2) * 12 * etu;
  return Math.ceil((bwt * Math.max(1, wtx) + transfer) * 1000) + CONFIG.reader.t1MarginMs;
}

/** The T=1 parameters in force, from the ATR or the reader's own Parameters (bytes named in T1_PARAMETERS). */
interface T1InForce {
  readonly fiDi: number;
  readonly edc: Edc;
  readonly ifsc: number;
  readonly bwi: number;
}

/**
 * SetParameters from the ATR (facts B3 step 3), unless the reader negotiates itself
 * (0x40): then GetParameters tells what it chose, falling back to the ATR's values.
 */
async function configureT1(ctx: ExchangeContext, atr: Atr, fiDi: number): Promise<T1InForce> {
  const t1 = atr.t1;
  const fromAtr: T1InForce = { fiDi, edc: t1.edc, ifsc: t1.ifsc, bwi: t1.bwi };
  const P = T1_PARAMETERS;
  if (ctx.descriptor.dwFeatures & FEATURE.AUTO_PARAMETER_NEGOTIATION) {
    const reply = await ctx.slot.run(COMMANDS.getParameters());
    const p = reply.data;
    const ifsc = p[P.bIFSC] ?? 0;
    if (reply.specific !== PROTOCOL_NUM.T1 || p.length < P.LENGTH || ifsc < 1 || ifsc > T1.MAX_INF) return fromAtr;
    return { fiDi: p[P.bmFindexDindex]!, edc: p[P.bmTCCKST1]! & P.TCCKST1_CRC ? 'crc' : 'lrc', ifsc, bwi: p[P.bmWaitingIntegersT1]! >> 4 };
  }
  const params = new Uint8Array(P.LENGTH);
  params[P.bmFindexDindex] = fiDi;
  params[P.bmTCCKST1] = P.TCCKST1_BASE | (t1.edc === 'crc' ? P.TCCKST1_CRC : 0) | (atr.convention === 'inverse' ? P.TCCKST1_INVERSE : 0);
  params[P.bGuardTimeT1] = atr.guardTime;
  params[P.bmWaitingIntegersT1] = (t1.bwi << 4) | t1.cwi;
  params[P.bIFSC] = t1.ifsc;
  await ctx.slot.run(COMMANDS.setParameters(PROTOCOL_NUM.T1, params));
  return fromAtr;
}

async function startT1(ctx: ExchangeContext, atr: Atr): Promise<Exchange> {
  if (!atr.protocols.includes(1)) {
    throw new UnsupportedReaderError('the card does not offer T=1; this driver speaks T=1 only', { reason: 'not-t1-card' });
  }
  const p = await configureT1(ctx, atr, await negotiateRate(ctx, atr));
  const room = ctx.caps.maxMessageLength - CCID_HEADER_LENGTH - T1.PROLOGUE_LENGTH - edcLength(p.edc);
  const maxInf = Math.min(T1.MAX_INF, room);
  const clock = ctx.descriptor.dwDefaultClock;
  const session = new T1Session(
    async (block, bBWI) =>
      (await ctx.slot.run(COMMANDS.xfrBlock(block, bBWI), { timeoutMs: t1BlockTimeoutMs(p.bwi, p.fiDi, clock, bBWI) })).data,
    { ifsc: Math.min(p.ifsc, maxInf), ifsd: T1.DEFAULT_IFSC, edc: p.edc, maxInf },
  );
  if (!(ctx.descriptor.dwFeatures & FEATURE.AUTO_IFSD)) {
    // ISO 7816-3 §11.4.2: the host announces IFSD with S(IFS request) as its first block (facts B3 step 4).
    await session.negotiateIfsd(Math.min(ctx.caps.maxIfsd || T1.MAX_IFSD, T1.MAX_IFSD, maxInf));
  }
  return { level: 'tpdu', transmit: (apdu) => session.transceive(apdu) };
}

/**
 * PPS (ISO 7816-3 §9) when the reader neither does it (0x80) nor negotiates itself (0x40),
 * the card is negotiable (no TA2) and proposes something faster than the default, and
 * the reader's clock and dwMaxDataRate allow the rate. Returns the Fi/Di in force.
 */
async function negotiateRate(ctx: ExchangeContext, atr: Atr): Promise<number> {
  const features = ctx.descriptor.dwFeatures;
  if (features & (FEATURE.AUTO_PPS | FEATURE.AUTO_PARAMETER_NEGOTIATION) || atr.specificMode) return atr.fiDi;
  const wanted = fiDiValues(atr.fiDi);
  if (atr.fiDi === DEFAULT_FI_DI || !wanted) return DEFAULT_FI_DI;
  const baud = (ctx.descriptor.dwDefaultClock * 1000 * wanted.di) / wanted.fi;
  if (ctx.descriptor.dwMaxDataRate && baud > ctx.descriptor.dwMaxDataRate) return DEFAULT_FI_DI;
  const body = Uint8Array.of(PPS.PPSS, PPS.PPS0_PPS1_PRESENT | PROTOCOL_NUM.T1, atr.fiDi);
  // §9.2: PCK makes the XOR of the whole request zero, the same sum as T=1's LRC.
  const request = Uint8Array.of(...body, lrc(body));
  const reply = await ctx.slot.run(COMMANDS.xfrBlock(request));
  // §9.3: a successful PPS echoes the request; anything else leaves the defaults.
  const echoed = bytesEqual(reply.data, request);
  return echoed ? atr.fiDi : DEFAULT_FI_DI;
}
