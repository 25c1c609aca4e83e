/**
 * The two JPKI certificates. The authentication certificate is read without a PIN, so
 * its dates are always shown; the signing certificate needs its password to be read
 * (rules.md X2), so the popup says so instead of guessing.
 */
import { t, type Lang } from '../../i18n/index';
import type { StatusSnapshot } from '../../status-model';
import { certificateView } from '../../ui/validity-view';
import { ValidityBlock } from './ValidityBlock';

type Card = NonNullable<StatusSnapshot['card']>;

export function CertificatePanel({ card, today, lang }: { card: Card; today: string; lang: Lang }) {
  const auth = card.authCert ? certificateView(card.authCert, today) : null;
  return (
    <section class="panel" aria-labelledby="certs-title">
      <h2 id="certs-title" class="panel-title">{t(lang, 'certs.title')}</h2>
      <article class="cert" aria-labelledby="cert-auth">
        <h3 id="cert-auth" class="cert-title">{t(lang, 'cert.auth.title')}</h3>
        <p class="small muted">{t(lang, 'cert.auth.use')}</p>
        {auth ? <ValidityBlock view={auth} lang={lang} /> : <p>{t(lang, card.authCert === null ? 'cert.auth.absent' : 'pin.unknown')}</p>}
      </article>
      <article class="cert" aria-labelledby="cert-sign">
        <h3 id="cert-sign" class="cert-title">{t(lang, 'cert.sign.title')}</h3>
        <p class="small muted">{t(lang, 'cert.sign.use')}</p>
        <p class="small sign-note">{t(lang, card.signCertPresent === false ? 'cert.sign.absent' : 'cert.sign.later')}</p>
      </article>
    </section>
  );
}
