/**
 * The signing certificate and a signature by the signing key (issue 9 §1).
 *
 * The signing certificate carries the holder's name, address, birth date and sex, so it
 * leaves only after the password and the holder's agreement to exactly those values.
 * A signature is refused when the site names a certificate that is not this card's
 * signing certificate: known from the serial remembered when the certificate was read
 * (then 4 APDUs after the password), otherwise read from the card after VERIFY (5).
 */
import { CONFIG } from '../../../config';
import { parseCertificate, serialFromCertificateHead, type HashName } from '../../../card/index';
import type { HolderDetails } from '../../prompt-model';
import { CertificateMismatchError, NoSigningCertificateError } from '../errors';
import { UserCancelledError } from '../prompt/index';
import { problemOf } from '../problems/index';
import { runAction, type ActionOutcome, type ActionSpec } from './action';
import { SIGNING_FLOW_MS, SigningFlow } from './signing-flow';
import type { SiteContext } from './login';
import { refuse, withPin } from './pin-entry';
import { checkValidity, fingerprint, hasSigningCertificate, readBefore, sameCard, type CardBefore } from './site-card';

export const SIGNING_ACTION: ActionSpec = Object.freeze({
  name: 'sign',
  sessionDeadlineMs: CONFIG.extension.siteSessionDeadlineMs,
  waitMs: CONFIG.extension.sessionWaitMs,
});

export interface SigningCertificateRequest {
  readonly origin: string;
  readonly timeoutMs: number;
  /** The tab asking: a signature from the same tab within two minutes joins its flow. */
  readonly owner?: string;
}

export interface SignRequest {
  readonly origin: string;
  /** DER of the certificate the site wants the signature to match. */
  readonly certificate: Uint8Array;
  readonly hashFunction: HashName;
  readonly hash: Uint8Array;
  readonly description?: string;
  readonly timeoutMs: number;
  readonly owner?: string;
}

export interface SignResult {
  readonly signature: Uint8Array;
  readonly apdusAfterPin: number;
}

/** Session 1 of both: the card, the password's tries, and a signing certificate to use. */
async function beforeSigning(ctx: SiteContext, run: Parameters<Parameters<typeof runAction>[2]>[0]): Promise<CardBefore> {
  return run.session(async (s) => {
    const read = await readBefore(s, 'sign');
    if (!(await hasSigningCertificate(read.card))) throw new NoSigningCertificateError('the card holds no signing certificate');
    return read;
  });
}

function holderDetails(der: Uint8Array): HolderDetails {
  const holder = parseCertificate(der).holder ?? {};
  return { name: holder.name ?? '', address: holder.address ?? '', birthDate: holder.birthDate ?? holder.birthDateRaw ?? '', sex: holder.sex ?? 'unknown' };
}

/** The flow's session: the password's session kept open for the flow, so its deadline covers the holder's time and the flow's. */
function flowSpec(request: SigningCertificateRequest): ActionSpec {
  return { ...SIGNING_ACTION, sessionDeadlineMs: CONFIG.extension.siteSessionDeadlineMs + request.timeoutMs + SIGNING_FLOW_MS };
}

export async function getSigningCertificate(ctx: SiteContext, request: SigningCertificateRequest): Promise<ActionOutcome<{ readonly certificate: Uint8Array }>> {
  const prompt = await ctx.prompts.open({ origin: request.origin, ask: 'signing-certificate', timeoutMs: request.timeoutMs, ...(request.owner === undefined ? {} : { owner: request.owner }) });
  let handedOver = false;
  try {
    return await runAction(ctx.holder, flowSpec(request), async (run) => {
      let before: CardBefore;
      try {
        before = await beforeSigning(ctx, run);
      } catch (error) {
        return refuse(prompt, error);
      }
      // Resolves once the password verified and the certificate is read; the session stays open for the flow.
      const opened = await withPin(prompt, 'sign', before.tries, (pin) =>
        new Promise<{ certificate: Uint8Array; flow: SigningFlow }>((resolve, reject) => {
          run
            .session(async (s) => {
              const card = await sameCard(s, before);
              await card.verifyPin('sign', pin, { bySfi: before.pinBySfi });
              const certificate = await card.readCertificate('sign');
              const flow = new SigningFlow(request.origin, serialFromCertificateHead(certificate), card, prompt);
              resolve({ certificate, flow });
              await flow.served(request.timeoutMs + SIGNING_FLOW_MS);
            })
            // Before the certificate was read this is the attempt's error (a wrong password, no card);
            // after it, the flow has already ended and the session powered the card off.
            .catch(reject);
        }),
      );
      const { certificate, flow } = opened;
      try {
        checkValidity(certificate, ctx.clock());
      } catch (error) {
        flow.end();
        return refuse(prompt, error);
      }
      prompt.show({ stage: 'consent', holder: holderDetails(certificate) });
      if (!(await prompt.consent().catch((e: unknown) => (flow.end(), Promise.reject(e))))) {
        flow.end();
        throw new UserCancelledError('the holder did not agree to send the signing certificate');
      }
      ctx.signSerials.set(before.serial, flow.certificateSerial);
      if (request.owner !== undefined) {
        ctx.flows.set(request.owner, flow);
        void prompt.done.then(() => {
          if (ctx.flows.get(request.owner!) === flow) ctx.flows.delete(request.owner!);
        });
        prompt.show({ stage: 'waiting', holder: undefined });
        handedOver = true;
      } else {
        flow.end();
      }
      return { certificate };
    });
  } finally {
    // A flow handed over owns the window now; it closes it when it ends.
    if (!handedOver) prompt.finish();
  }
}

export async function sign(ctx: SiteContext, request: SignRequest): Promise<ActionOutcome<SignResult>> {
  const flow = request.owner === undefined ? undefined : ctx.flows.get(request.owner);
  if (flow !== undefined && flow.isOpen && flow.origin === request.origin) {
    ctx.flows.delete(request.owner!);
    return signInFlow(flow, request);
  }
  const prompt = await ctx.prompts.open({
    origin: request.origin,
    ask: 'sign',
    fingerprint: fingerprint(request.hash),
    ...(request.description === undefined ? {} : { description: request.description }),
    timeoutMs: request.timeoutMs,
    ...(request.owner === undefined ? {} : { owner: request.owner }),
  });
  try {
    return await runAction(ctx.holder, SIGNING_ACTION, async (run) => {
      let before: CardBefore;
      let wanted: string;
      try {
        wanted = serialFromCertificateHead(request.certificate);
        before = await beforeSigning(ctx, run);
        const known = ctx.signSerials.get(before.serial);
        if (known !== undefined && known !== wanted) throw new CertificateMismatchError('the site named another signing certificate');
      } catch (error) {
        return refuse(prompt, error);
      }
      const signed = await withPin(prompt, 'sign', before.tries, async (pin) => {
        const mark = run.apdus();
        const signature = await run.session(async (s) => {
          const card = await sameCard(s, before);
          await card.verifyPin('sign', pin, { bySfi: before.pinBySfi });
          if (!ctx.signSerials.has(before.serial)) {
            const onCard = await card.certificateSerial('sign');
            ctx.signSerials.set(before.serial, onCard);
            if (onCard !== wanted) throw new CertificateMismatchError('the site named another signing certificate');
          }
          return card.sign('sign', request.hashFunction, request.hash, { bySfi: true });
        });
        return { signature, apdusAfterPin: run.apdus() - mark };
      });
      prompt.show({ stage: 'done' });
      return signed;
    });
  } finally {
    prompt.finish();
  }
}

/** The signature of a flow: the password was verified for the certificate a moment ago; only a confirmation is asked. */
async function signInFlow(flow: SigningFlow, request: SignRequest): Promise<ActionOutcome<SignResult>> {
  try {
    if (serialFromCertificateHead(request.certificate) !== flow.certificateSerial) {
      flow.end();
      throw new CertificateMismatchError('the site named another signing certificate');
    }
    const signature = await flow.sign(request.hashFunction, request.hash, request.description);
    // The APDU of the signature itself; the password went with the certificate.
    return { ok: true, value: { signature, apdusAfterPin: 1 }, apdus: 1 };
  } catch (error) {
    return { ok: false, problem: problemOf(error), error, apdus: 0 };
  }
}
