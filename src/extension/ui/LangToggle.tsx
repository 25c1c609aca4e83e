/** Switches between Japanese and English; the button is labelled in the language it switches to. */
import { t, type Lang } from '../i18n/index';

export function LangToggle({ lang, onChange }: { lang: Lang; onChange: (next: Lang) => void }) {
  const next: Lang = lang === 'ja' ? 'en' : 'ja';
  return (
    <button type="button" class="btn quiet" lang={next} aria-label={t(lang, 'lang.switchLabel')} onClick={() => onChange(next)}>
      {t(lang, 'lang.switch')}
    </button>
  );
}
