/** Remaining tries of the two certificate PINs (rules.md P1, P2). */
import { t, type Lang } from '../../i18n/index';
import type { StatusSnapshot } from '../../status-model';
import { PinRow } from '../../ui/PinRow';

type Card = NonNullable<StatusSnapshot['card']>;

export function PinPanel({ card, lang }: { card: Card; lang: Lang }) {
  return (
    <section class="panel" aria-labelledby="pins-title">
      <h2 id="pins-title" class="panel-title">{t(lang, 'pins.title')}</h2>
      <ul>
        <PinRow pin={card.pins.auth} nameKey="pin.auth.name" lang={lang} />
        {card.signCertPresent !== false && <PinRow pin={card.pins.sign} nameKey="pin.sign.name" lang={lang} />}
      </ul>
    </section>
  );
}
