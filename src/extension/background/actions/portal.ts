/**
 * The two site actions only the government portal asks for (issue 10 §1), on the same
 * skeleton as login: its mode 02, every digest signed verbatim with the signing key after
 * one password, and its mode 04, the four attributes the 券面事項入力補助AP records.
 * Both show the holder exactly what would leave (the signing certificate's holder and
 * the number of items; the four attributes) and send nothing until the holder agrees.
 * Both read the card's manufacture number before any PIN (the portal's combination_code).
 */
import { AssistCard, basicInfoHex, parseCertificate, type BasicInfoHex } from '../../../card/index';
import type { HolderDetails } from '../../prompt-model';
import { UserCancelledError } from '../prompt/index';
import { runAction, type ActionOutcome } from './action';
import { LOGIN_ACTION, type SiteContext } from './login';
import { refuse, withPin } from './pin-entry';
import { SIGNING_ACTION } from './signing';
import { checkValidity, hasSigningCertificate, readBefore, readManufactureNumber, sameCard, sameCardChannel, type CardBefore } from './site-card';
import { NoSigningCertificateError } from '../errors';

export interface PortalSignRequest {
  readonly origin: string;
  readonly digests: readonly Uint8Array[];
  readonly timeoutMs: number;
  readonly owner?: string;
}

export interface PortalSignResult {
  readonly certificate: Uint8Array;
  readonly signatures: readonly Uint8Array[];
  readonly manufactureNumber: string;
  readonly apdusAfterPin: number;
}

export interface CardInfoRequest {
  readonly origin: string;
  readonly timeoutMs: number;
  readonly owner?: string;
}

export interface CardInfoResult {
  /** Each attribute as lower-case hex of the card's bytes (facts §3.2). */
  readonly hex: BasicInfoHex;
  readonly manufactureNumber: string;
}

const owned = (owner: string | undefined): { owner?: string } => (owner === undefined ? {} : { owner });

function holderOf(der: Uint8Array): HolderDetails {
  const h = parseCertificate(der).holder ?? {};
  return { name: h.name ?? '', address: h.address ?? '', birthDate: h.birthDate ?? h.birthDateRaw ?? '', sex: h.sex ?? 'unknown' };
}

export async function signDigests(ctx: SiteContext, request: PortalSignRequest): Promise<ActionOutcome<PortalSignResult>> {
  const prompt = await ctx.prompts.open({ origin: request.origin, ask: 'sign', count: request.digests.length, timeoutMs: request.timeoutMs, ...owned(request.owner) });
  try {
    return await runAction(ctx.holder, SIGNING_ACTION, async (run) => {
      let before: CardBefore;
      let manufactureNumber: string;
      try {
        ({ before, manufactureNumber } = await run.session(async (s) => {
          const read = await readBefore(s, 'sign');
          if (!(await hasSigningCertificate(read.card))) throw new NoSigningCertificateError('the card holds no signing certificate');
          return { before: read, manufactureNumber: await readManufactureNumber(read) };
        }));
      } catch (error) {
        return refuse(prompt, error);
      }
      const signed = await withPin(prompt, 'sign', before.tries, async (pin) => {
        const mark = run.apdus();
        const result = await run.session(async (s) => {
          const card = await sameCard(s, before);
          await card.verifyPin('sign', pin, { bySfi: before.pinBySfi });
          const signatures: Uint8Array[] = [];
          for (const digest of request.digests) signatures.push(await card.signRaw('sign', digest, { bySfi: true }));
          return { certificate: await card.readCertificate('sign'), signatures };
        });
        return { ...result, apdusAfterPin: run.apdus() - mark };
      });
      try {
        checkValidity(signed.certificate, ctx.clock());
      } catch (error) {
        return refuse(prompt, error);
      }
      // The signatures exist only here until the holder agrees to what the certificate tells the site.
      prompt.show({ stage: 'consent', holder: holderOf(signed.certificate) });
      if (!(await prompt.consent())) throw new UserCancelledError('the holder did not agree to send the signing certificate');
      prompt.show({ stage: 'done' });
      return { ...signed, manufactureNumber };
    });
  } finally {
    prompt.finish();
  }
}

export async function readCardInfo(ctx: SiteContext, request: CardInfoRequest): Promise<ActionOutcome<CardInfoResult>> {
  const prompt = await ctx.prompts.open({ origin: request.origin, ask: 'card-info', timeoutMs: request.timeoutMs, ...owned(request.owner) });
  try {
    return await runAction(ctx.holder, LOGIN_ACTION, async (run) => {
      let before: CardBefore;
      let manufactureNumber: string;
      try {
        ({ before, manufactureNumber } = await run.session(async (s) => {
          const read = await readBefore(s, 'auth');
          const { remaining, max, locked } = await new AssistCard(read.channel).pinStatus();
          return { before: { ...read, tries: { remaining, max, locked } }, manufactureNumber: await readManufactureNumber(read) };
        }));
      } catch (error) {
        return refuse(prompt, error);
      }
      const info = await withPin(prompt, 'assist', before.tries, (pin) =>
        run.session(async (s) => {
          const { channel } = await sameCardChannel(s, before);
          const assist = new AssistCard(channel);
          await assist.verifyPin(pin);
          return assist.readBasicInfo();
        }),
      );
      prompt.show({ stage: 'consent', holder: { name: info.name, address: info.address, birthDate: info.birthDate ?? '', sex: info.sex } });
      if (!(await prompt.consent())) throw new UserCancelledError('the holder did not agree to send the card information');
      prompt.show({ stage: 'done' });
      return { hex: basicInfoHex(info), manufactureNumber };
    });
  } finally {
    prompt.finish();
  }
}
