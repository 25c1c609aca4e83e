/**
 * Reader and card, and the next step when one of them is missing: pair a reader, learn
 * why Chrome refuses this one or what holds it, insert the card, or try again.
 */
import { pick, t, type Lang } from '../../i18n/index';
import type { StatusSnapshot } from '../../status-model';
import { isPort100Device } from '../../../spec/index';
import { LINUX_PORT100_UNBIND_COMMAND, LINUX_STOP_COMMAND, MAC_RELEASE_COMMAND, type Os } from '../../ui/os';
import { Text } from '../../ui/Text';
import { shortReaderName } from '../../ui/reader-name';

export interface ConnectionPanelProps {
  readonly snapshot: StatusSnapshot;
  readonly lang: Lang;
  readonly onOpenSetup: () => void;
  readonly onRefresh: () => void;
  /** The holder's system: the steps to free a reader the OS holds are theirs. */
  readonly os: Os;
  /** The reader last seen working: "no reader" then means it was unplugged. */
  readonly lastReader?: string | undefined;
}

/** The background's own words (they name CCID, classes and USB ids), folded away for whoever asks. */
function Technical({ snapshot, lang }: Pick<ConnectionPanelProps, 'snapshot' | 'lang'>) {
  const problem = snapshot.problem;
  if (!problem) return null;
  return (
    <details class="more">
      <summary>{t(lang, 'more.technical')}</summary>
      <p class="small"><Text>{pick(problem.message, lang)}</Text></p>
      {problem.action && <p class="small muted"><Text>{pick(problem.action, lang)}</Text></p>}
    </details>
  );
}

/** An RC-S380 is held by other drivers than a CCID reader (facts sony-readers.md §5): port100 on Linux, Sony's own on Windows. */
function Rcs380BusyAdvice({ os, lang, snapshot }: Pick<ConnectionPanelProps, 'os' | 'lang' | 'snapshot'>) {
  switch (os) {
    case 'linux':
      return <p><Text>{t(lang, 'next.busy.rcs380.linux')}</Text><code class="command">{LINUX_PORT100_UNBIND_COMMAND}</code></p>;
    case 'mac':
      return <p><Text>{t(lang, 'next.busy.rcs380.mac')}</Text></p>;
    case 'windows':
      return <p><Text>{t(lang, 'next.busy.rcs380.windows')}</Text></p>;
    default:
      return snapshot.problem?.action ? <p>{pick(snapshot.problem.action, lang)}</p> : null;
  }
}

function isRcs380(snapshot: StatusSnapshot): boolean {
  const r = snapshot.reader;
  return r?.vendorId !== undefined && r.productId !== undefined && isPort100Device({ vendorId: r.vendorId, productId: r.productId });
}

/** The first step to free the reader on the holder's system; the rest is on the setup page. */
function BusyAdvice({ os, lang, snapshot }: Pick<ConnectionPanelProps, 'os' | 'lang' | 'snapshot'>) {
  if (isRcs380(snapshot)) return <Rcs380BusyAdvice os={os} lang={lang} snapshot={snapshot} />;
  switch (os) {
    case 'linux':
      return <p>{t(lang, 'next.busy.linux')}<code class="command">{LINUX_STOP_COMMAND}</code></p>;
    case 'mac':
      return <p>{t(lang, 'next.busy.mac')}<code class="command">{MAC_RELEASE_COMMAND}</code></p>;
    case 'windows':
      return <p>{t(lang, 'next.busy.windows')}</p>;
    default:
      // Unknown system: the background's advice names every one.
      return snapshot.problem?.action ? <p>{pick(snapshot.problem.action, lang)}</p> : null;
  }
}

function NextStep({ snapshot, lang, onOpenSetup, onRefresh, os, lastReader }: ConnectionPanelProps) {
  const problem = snapshot.problem;
  switch (snapshot.phase) {
    case 'no-reader':
      // A reader that worked before was unplugged: no pairing again, just plug it back in.
      if (lastReader) {
        return (
          <div class="next">
            <p><Text>{t(lang, 'next.replug', { name: shortReaderName(lastReader) })}</Text></p>
            <button type="button" class="btn secondary" onClick={onOpenSetup}>{t(lang, 'next.otherReader')}</button>
          </div>
        );
      }
      return (
        <div class="next">
          <p>{t(lang, 'next.noReader')}</p>
          <button type="button" class="btn" onClick={onOpenSetup}>{t(lang, 'next.pair')}</button>
        </div>
      );
    case 'reader-blocked':
      // Most residents with a reader land here: plain words first (why, which readers
      // work, the other routes), as the setup page says; CCID and USB ids only on request.
      return (
        <div class="next">
          <p class="next-problem"><Text>{t(lang, 'blocked.why')}</Text></p>
          <p><Text>{t(lang, 'blocked.works')}</Text></p>
          <p><Text>{t(lang, 'blocked.other')}</Text></p>
          <button type="button" class="btn" onClick={onOpenSetup}>{t(lang, 'next.openSetup')}</button>
          <Technical snapshot={snapshot} lang={lang} />
        </div>
      );
    case 'reader-busy':
      // The holder's own system first; the setup page has every system's full steps.
      return (
        <div class="next">
          <BusyAdvice os={os} lang={lang} snapshot={snapshot} />
          {os !== 'windows' && <p class="small muted">{t(lang, 'next.busy')}</p>}
          <div class="next-actions">
            <button type="button" class="btn" onClick={onRefresh}>{t(lang, 'refresh.button')}</button>
            <button type="button" class="btn secondary" onClick={onOpenSetup}>{t(lang, 'next.openSetup')}</button>
          </div>
        </div>
      );
    case 'no-card':
      return <p class="next"><Text>{t(lang, isRcs380(snapshot) ? 'next.placeCard' : 'next.insertCard')}</Text></p>;
    case 'error':
      return (
        <div class="next">
          {problem && <p class="next-problem"><Text>{pick(problem.message, lang)}</Text></p>}
          <p><Text>{problem?.action ? pick(problem.action, lang) : t(lang, 'next.failed')}</Text></p>
          <button type="button" class="btn secondary" onClick={onRefresh}>{t(lang, 'refresh.button')}</button>
        </div>
      );
    default:
      return null;
  }
}

export function ConnectionPanel(props: ConnectionPanelProps) {
  const { snapshot, lang } = props;
  // Only 'no-card' means the slot is empty. A card that does not answer (error) is in the
  // reader: 「未挿入」 beside "reinsert it" would contradict the advice (issue 13 §2).
  const cardRow = snapshot.phase === 'no-card' ? t(lang, isRcs380(snapshot) ? 'card.none.contactless' : 'card.none') : snapshot.card?.tokenLabel || t(lang, 'card.notAnswering');
  return (
    <section class="panel" aria-labelledby="conn-title">
      <h2 id="conn-title" class="visually-hidden">{t(lang, 'reader.label')}</h2>
      <dl class="facts">
        <div>
          <dt>{t(lang, 'reader.label')}</dt>
          <dd>{snapshot.reader?.name ?? t(lang, 'reader.none')}</dd>
        </div>
        {/* A card row under a reader that cannot be used would only add noise. */}
        {(snapshot.phase === 'no-card' || snapshot.phase === 'error') && (
          <div>
            <dt>{t(lang, 'card.label')}</dt>
            <dd>{cardRow}</dd>
          </div>
        )}
      </dl>
      <NextStep {...props} />
    </section>
  );
}
