/**
 * The result of pairing, in words: ready, refused by Chrome (and which readers work
 * instead), held by the operating system (and how to free it), no permission, or an
 * error with the platform's own explanation.
 */
import { Text } from '../../ui/Text';
import { errorText, pick, t, type Lang } from '../../i18n/index';
import type { Os } from '../pairing';
import type { VerdictView } from '../use-pairing';
import { isRcs300 } from '../reader-filters';
import { OsSteps } from './OsSteps';
import { Rcs300Route } from './SonyReaders';

const DEFAULT_IDS = { vendorId: 0x04e6, productId: 0x511a };

function Protected({ lang }: { lang: Lang }) {
  return (
    <>
      <p><Text>{t(lang, 'verdict.protected.why')}</Text></p>
      <h3 class="sub">{t(lang, 'verdict.protected.worksTitle')}</h3>
      <ul class="bullets">
        <li><Text>{t(lang, 'verdict.protected.works1')}</Text></li>
        <li><Text>{t(lang, 'verdict.protected.works2')}</Text></li>
      </ul>
      <h3 class="sub">{t(lang, 'verdict.protected.altTitle')}</h3>
      <ul class="bullets">
        <li><Text>{t(lang, 'verdict.protected.alt1')}</Text></li>
        <li><Text>{t(lang, 'verdict.protected.alt2')}</Text></li>
        <li><Text>{t(lang, 'verdict.protected.alt3')}</Text></li>
      </ul>
    </>
  );
}

export interface VerdictPanelProps {
  readonly result: VerdictView;
  readonly lang: Lang;
  readonly os: Os;
  readonly onRetry: () => void;
}

export function VerdictPanel({ result, lang, os, onRetry }: VerdictPanelProps) {
  const ids = result.chosen ?? DEFAULT_IDS;
  const name = result.reader?.identity.name;
  const v = result.verdict;
  const tone = v === 'ready' ? 'ok' : v === 'cancelled' ? 'quiet' : v === 'protected-class' || v === 'os-busy' || v === 'no-permission' ? 'warning' : 'error';
  const failure = v === 'unsupported' || v === 'error' ? errorText(result.reader?.problemCode ?? 'unexpected') : null;
  const title =
    v === 'ready' ? t(lang, 'verdict.ready.title')
    : v === 'cancelled' ? t(lang, 'verdict.cancelled.title')
    : v === 'protected-class' ? t(lang, 'verdict.protected.title')
    : v === 'os-busy' ? t(lang, 'verdict.busy.title')
    : v === 'no-permission' ? t(lang, 'verdict.noPermission.title')
    : failure ? pick(failure.message, lang) : t(lang, 'verdict.error.title');
  const canRetry = v === 'os-busy' || v === 'no-permission' || v === 'error' || v === 'unsupported';
  return (
    <section class={`verdict ${tone}`} aria-labelledby="verdict-title">
      <h2 id="verdict-title" class="verdict-title">{title}</h2>
      {name && <p class="small muted">{name}</p>}
      {v === 'ready' && <p><Text>{t(lang, 'verdict.ready.body')}</Text></p>}
      {v === 'cancelled' && <p><Text>{t(lang, 'verdict.cancelled.body')}</Text></p>}
      {v === 'protected-class' && (isRcs300(ids) ? <Rcs300Route lang={lang} /> : <Protected lang={lang} />)}
      {v === 'os-busy' && (
        <>
          <p><Text>{t(lang, 'verdict.busy.body')}</Text></p>
          <OsSteps os={os} lang={lang} ids={ids} />
        </>
      )}
      {v === 'no-permission' && (
        <>
          <p><Text>{t(lang, 'verdict.noPermission.body')}</Text></p>
          {os === 'linux' && <OsSteps os={os} lang={lang} ids={ids} only="linux" />}
        </>
      )}
      {failure?.action && <p><Text>{pick(failure.action, lang)}</Text></p>}
      {canRetry && (
        <p class="verdict-actions">
          <button type="button" class="btn secondary" onClick={onRetry}>{t(lang, 'setup.retry')}</button>
        </p>
      )}
    </section>
  );
}
