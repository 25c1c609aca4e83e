/** The readers this browser has allowed, how each one fares, and a way to take the permission back. */
import { t, type Lang } from '../../i18n/index';
import type { PairedReader } from '../../messages';
import { hex16 } from '../../../bytes';

const TONE = { ready: 'ok', 'protected-class': 'warning', 'os-busy': 'warning', 'no-permission': 'warning', unsupported: 'error', error: 'error' } as const;

export function ReaderList({ readers, lang, onForget }: { readers: readonly PairedReader[] | undefined; lang: Lang; onForget: (r: PairedReader) => void }) {
  return (
    <section class="panel" aria-labelledby="paired-title">
      <h2 id="paired-title" class="panel-title">{t(lang, 'paired.title')}</h2>
      {readers === undefined ? (
        <p class="muted">…</p>
      ) : readers.length === 0 ? (
        <p class="muted">{t(lang, 'paired.none')}</p>
      ) : (
        <ul class="readers">
          {readers.map((r) => (
            <li key={r.key} class="reader">
              <div class="reader-id">
                <span class="reader-name">{r.identity.name}</span>
                {r.identity.vendorId !== undefined && r.identity.productId !== undefined && (
                  <span class="small muted">{hex16(r.identity.vendorId)}:{hex16(r.identity.productId)}</span>
                )}
              </div>
              <span class={`pill ${TONE[r.verdict]}`}>{t(lang, `paired.verdict.${r.verdict}`)}</span>
              <button type="button" class="btn quiet" aria-label={t(lang, 'paired.forgetLabel', { name: r.identity.name })} onClick={() => onForget(r)}>
                {t(lang, 'paired.forget')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
