/**
 * How to free a reader the operating system holds (webusb-ccid.md §A3, §D3): the
 * holder's own system first and open, the others folded away. Commands are shown as
 * code to copy; nothing is changed on the computer by the extension itself.
 */
import { Text } from '../../ui/Text';
import { t, type Lang } from '../../i18n/index';
import { isPort100Device } from '../../../spec/index';
import {
  LINUX_PORT100_BLACKLIST_COMMAND, LINUX_PORT100_UNBIND_COMMAND, LINUX_RELOAD_COMMAND as LINUX_RELOAD, LINUX_STOP_COMMAND as LINUX_STOP,
  MAC_RELEASE_COMMAND as MAC_COMMAND,
} from '../../ui/os';
import { udevRule, type Os } from '../pairing';

interface Ids {
  readonly vendorId: number;
  readonly productId: number;
}

/** The RC-S380 is held by other drivers than a CCID reader (facts sony-readers.md §5): WinUSB on Windows, port100 on Linux. */
function Rcs380Steps({ os, lang, ids }: { os: Exclude<Os, 'other'>; lang: Lang; ids: Ids }) {
  switch (os) {
    case 'windows':
      return (
        <ol class="os-steps">
          <li><Text>{t(lang, 'os.rcs380.windows.1')}</Text></li>
          <li><Text>{t(lang, 'os.rcs380.windows.2')}</Text></li>
          <li>{t(lang, 'os.windows.3')}</li>
        </ol>
      );
    case 'mac':
      return (
        <ol class="os-steps">
          <li><Text>{t(lang, 'os.rcs380.mac.1')}</Text></li>
        </ol>
      );
    case 'linux':
      return (
        <>
          <ol class="os-steps">
            <li><Text>{t(lang, 'os.rcs380.linux.1')}</Text><pre><code>{LINUX_PORT100_UNBIND_COMMAND}</code></pre></li>
            <li><Text>{t(lang, 'os.rcs380.linux.2')}</Text><pre><code>{LINUX_PORT100_BLACKLIST_COMMAND}</code></pre></li>
            <li>{t(lang, 'os.linux.2')}<pre><code>{udevRule(ids.vendorId, ids.productId)}</code></pre></li>
            <li>{t(lang, 'os.linux.3')}<pre><code>{LINUX_RELOAD}</code></pre></li>
          </ol>
          <p class="small muted"><Text>{t(lang, 'os.rcs380.linux.note')}</Text></p>
        </>
      );
  }
}

function Steps({ os, lang, ids }: { os: Exclude<Os, 'other'>; lang: Lang; ids: Ids }) {
  if (isPort100Device(ids)) return <Rcs380Steps os={os} lang={lang} ids={ids} />;
  switch (os) {
    case 'windows':
      return (
        <ol class="os-steps">
          <li><Text>{t(lang, 'os.windows.1')}</Text></li>
          <li><Text>{t(lang, 'os.windows.2')}</Text></li>
          <li><Text>{t(lang, 'os.windows.3')}</Text></li>
        </ol>
      );
    case 'mac':
      return (
        <ol class="os-steps">
          <li>{t(lang, 'os.mac.1')}<pre><code>{MAC_COMMAND}</code></pre></li>
          <li><Text>{t(lang, 'os.mac.2')}</Text></li>
        </ol>
      );
    case 'linux':
      return (
        <>
          <ol class="os-steps">
            <li>{t(lang, 'os.linux.1')}<pre><code>{LINUX_STOP}</code></pre></li>
            <li>{t(lang, 'os.linux.2')}<pre><code>{udevRule(ids.vendorId, ids.productId)}</code></pre></li>
            <li>{t(lang, 'os.linux.3')}<pre><code>{LINUX_RELOAD}</code></pre></li>
          </ol>
          <p class="small muted">{t(lang, 'os.linux.note')}</p>
        </>
      );
  }
}

const ALL: readonly Exclude<Os, 'other'>[] = ['windows', 'mac', 'linux'];

export function OsSteps({ os, lang, ids, only }: { os: Os; lang: Lang; ids: Ids; only?: Exclude<Os, 'other'> }) {
  if (only) return <Steps os={only} lang={lang} ids={ids} />;
  const first = os === 'other' ? null : os;
  const others = ALL.filter((o) => o !== first);
  return (
    <div class="os">
      {first && (
        <section aria-labelledby="os-first">
          <h3 id="os-first" class="os-title">{t(lang, 'os.title', { os: t(lang, `os.${first}`) })}</h3>
          <Steps os={first} lang={lang} ids={ids} />
        </section>
      )}
      {others.map((o) => (
        <details key={o} class="os-other">
          <summary>{t(lang, `os.${o}`)}</summary>
          <Steps os={o} lang={lang} ids={ids} />
        </details>
      ))}
    </div>
  );
}
