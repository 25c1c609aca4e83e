/** The stripe that keeps anyone from mistaking the virtual build's card for a real one. */
import { t, type Lang } from '../i18n/index';

export function VirtualMark({ lang }: { lang: Lang }) {
  return (
    <p class="virtual-mark" role="note">
      {t(lang, 'virtual.mark')}
      <small>{t(lang, 'virtual.note')}</small>
    </p>
  );
}
