/**
 * One PIN's remaining tries as marks (●●○). The marks are hidden from screen readers,
 * which hear the count in words; on the last try the lock warning is spelled out.
 */
import { pinMarks } from './pin-marks';
import { Text } from './Text';
import { t, type Lang, type UiKey } from '../i18n/index';
import type { PinSnapshot } from '../status-model';

export function PinRow({ pin, nameKey, lang }: { pin: PinSnapshot | undefined; nameKey: UiKey; lang: Lang }) {
  if (!pin) {
    return (
      <li class="pin">
        <span class="pin-name">{t(lang, nameKey)}</span>
        <span class="small muted">{t(lang, 'pin.unknown')}</span>
      </li>
    );
  }
  const p = pinMarks(pin);
  const words = p.level === 'locked' ? t(lang, 'pin.locked') : t(lang, 'pin.remaining', { n: p.remaining });
  const spoken = p.level === 'locked' ? words : t(lang, 'pin.remainingLong', { n: p.remaining, max: p.max });
  return (
    <>
      <li class={`pin ${p.level}`}>
        <span class="pin-name"><Text>{t(lang, nameKey)}</Text></span>
        <span class="pin-marks">
          <span aria-hidden="true">
            {p.marks.map((on, i) => (
              <span key={i} class={on ? 'left' : 'used'}>
                {on ? '●' : '○'}
              </span>
            ))}
          </span>
          <span class="pin-count" aria-hidden="true">{words}</span>
          <span class="visually-hidden">{spoken}</span>
        </span>
      </li>
      {p.level === 'last' && (
        <li class="pin-warning" role="note">
          {t(lang, 'pin.lastTry')}
        </li>
      )}
    </>
  );
}
