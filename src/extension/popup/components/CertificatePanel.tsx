/**
 * Both certificates and both PINs at a glance, in one panel that fits above the fold
 * (issue 13 §1): per certificate its state, days left and the one date that matters;
 * per PIN its marks. The timeline, what each is used for and why the signing
 * certificate is only "likely" fold away under a disclosure.
 */
import { t, type Lang } from '../../i18n/index';
import type { StatusSnapshot } from '../../status-model';
import { formatDate, formatDaysLeft } from '../../ui/format';
import { certificateView, type ValidityView } from '../../ui/validity-view';
import { signLikely, type SignLikely } from '../../ui/sign-likely';
import { PinRow } from '../../ui/PinRow';
import { ValidityBlock } from './ValidityBlock';
import { Text } from '../../ui/Text';
import { dateLine } from '../../ui/date-line';

type Card = NonNullable<StatusSnapshot['card']>;

export const PILL_TONE = { valid: 'ok', 'renewal-open': 'warning', expired: 'error', 'not-yet-valid': 'warning' } as const;
const LIKELY_TONE: Record<SignLikely, string> = { valid: 'quiet', renewal: 'warning', expired: 'error', unknown: 'quiet' };

function AuthRow({ view, card, lang }: { view: ValidityView | null; card: Card; lang: Lang }) {
  return (
    <li class="glance-row">
      <span class="glance-name">{t(lang, 'glance.auth')}</span>
      {view ? (
        <>
          <span class={`pill ${PILL_TONE[view.state]}`}>{t(lang, `cert.state.${view.state}`)}</span>
          <span class={`days ${PILL_TONE[view.state]}`}>{formatDaysLeft(view.daysLeft, lang)}</span>
          <span class="glance-sub small"><Text>{dateLine(view, lang, t(lang, 'glance.reissue'))}</Text></span>
        </>
      ) : (
        <span class="glance-value small muted">{t(lang, card.authCert === null ? 'glance.absent' : 'pin.unknown')}</span>
      )}
    </li>
  );
}

function SignRow({ likely, auth, card, lang }: { likely: SignLikely; auth: ValidityView | null; card: Card; lang: Lang }) {
  if (card.signCertPresent === false) {
    return (
      <li class="glance-row">
        <span class="glance-name">{t(lang, 'glance.sign')}</span>
        <span class="pill quiet">{t(lang, 'glance.absent')}</span>
        <span class="glance-sub small"><Text>{t(lang, 'glance.signAbsent')}</Text></span>
      </li>
    );
  }
  // Its dates are unknown without the password: one line with what is likely, and only when
  // that likely state is bad a pill and the consequence for e-Tax.
  if (likely === 'renewal' || likely === 'expired') {
    return (
      <li class="glance-row">
        <span class="glance-name">{t(lang, 'glance.sign')}</span>
        <span class={`pill ${LIKELY_TONE[likely]}`}>{t(lang, likely === 'renewal' ? 'glance.sign.pillRenewal' : 'glance.sign.pillExpired')}</span>
        <span class={`glance-sub small likely-${likely}`}><Text>{t(lang, likely === 'renewal' ? 'glance.sign.likelyRenewal' : 'glance.sign.likelyExpired')}</Text></span>
      </li>
    );
  }
  const value = likely === 'valid' && auth ? t(lang, 'glance.sign.likelyValid', { date: formatDate(auth.expiry, lang) }) : t(lang, 'glance.sign.unknown');
  return (
    <li class="glance-row">
      <span class="glance-name">{t(lang, 'glance.sign')}</span>
      <span class="glance-value small muted"><Text>{value}</Text></span>
    </li>
  );
}

export function CertificatePanel({ card, today, lang }: { card: Card; today: string; lang: Lang }) {
  const auth = card.authCert ? certificateView(card.authCert, today) : null;
  const likely = signLikely(auth);
  const signWarning = card.signCertPresent !== false && (likely === 'renewal' || likely === 'expired');
  return (
    <section class="panel glance" aria-labelledby="certs-title">
      <h2 id="certs-title" class="panel-title">{t(lang, 'certs.title')}</h2>
      <ul class="glance-list">
        <AuthRow view={auth} card={card} lang={lang} />
        <SignRow likely={likely} auth={auth} card={card} lang={lang} />
      </ul>
      <h2 id="pins-title" class="panel-title pins-title">{t(lang, 'pins.title')}</h2>
      <ul aria-labelledby="pins-title">
        <PinRow pin={card.pins.auth} nameKey="pin.auth.name" lang={lang} />
        {card.signCertPresent !== false && <PinRow pin={card.pins.sign} nameKey="pin.sign.name" lang={lang} />}
      </ul>
      <details class="more">
        <summary>{t(lang, 'more.details')}</summary>
        <article class="cert" aria-labelledby="cert-auth">
          <h3 id="cert-auth" class="cert-title">{t(lang, 'cert.auth.title')}</h3>
          <p class="small muted">{t(lang, 'cert.auth.use')}</p>
          {auth ? <ValidityBlock view={auth} lang={lang} /> : <p>{t(lang, card.authCert === null ? 'cert.auth.absent' : 'pin.unknown')}</p>}
        </article>
        <article class="cert" aria-labelledby="cert-sign">
          <h3 id="cert-sign" class="cert-title">{t(lang, 'cert.sign.title')}</h3>
          <p class="small muted">{t(lang, 'cert.sign.use')}</p>
          <p class="small sign-note"><Text>{t(lang, card.signCertPresent === false ? 'cert.sign.absent' : 'sign.likely.why')}</Text></p>
          {signWarning && <p class={`sign-warning small ${likely}`}><Text>{t(lang, likely === 'expired' ? 'sign.likely.expired' : 'sign.likely.renewal')}</Text></p>}
        </article>
      </details>
    </section>
  );
}
