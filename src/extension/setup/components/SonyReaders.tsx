/**
 * Which route each Sony PaSoRi takes today (issue 11 §3; facts sony-readers.md §0, §4):
 * the RC-S380 over WebUSB, the RC-S300 only through the companion (PC/SC), because its
 * CCID interface is Smart Card class and its vendor interface is unproven for Type B.
 */
import { Text } from '../../ui/Text';
import { t, type Lang } from '../../i18n/index';

/** The RC-S300's route, also shown under a refused RC-S300 in the verdict. */
export function Rcs300Route({ lang }: { lang: Lang }) {
  return (
    <>
      <p><Text>{t(lang, 'sony.rcs300')}</Text></p>
      <p><Text>{t(lang, 'sony.rcs300.route')}</Text></p>
    </>
  );
}

export function SonyReaders({ lang }: { lang: Lang }) {
  return (
    <section class="panel" aria-labelledby="sony-title">
      <h2 id="sony-title" class="panel-title">{t(lang, 'sony.title')}</h2>
      <p><Text>{t(lang, 'sony.rcs380')}</Text></p>
      <Rcs300Route lang={lang} />
    </section>
  );
}
