/** The steps of a card read with the one in progress, so a slow read never looks frozen. */
import { t, type Lang } from '../../i18n/index';
import type { StatusStep } from '../../status-model';

const STEPS: readonly StatusStep[] = ['reader', 'card', 'certificate', 'pins'];

export function ReadingSteps({ step, lang }: { step: StatusStep | undefined; lang: Lang }) {
  const current = step ? STEPS.indexOf(step) : 0;
  return (
    <section class="panel" aria-labelledby="steps-title">
      <h2 id="steps-title" class="visually-hidden">{t(lang, 'summary.reading')}</h2>
      <ol class="steps">
        {STEPS.map((s, i) => {
          const state = i < current ? 'done' : i === current ? 'current' : 'pending';
          return (
            <li key={s} class={`step ${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span class="step-dot" aria-hidden="true">{state === 'done' ? '✓' : ''}</span>
              <span>{t(lang, `step.${s}`)}</span>
              <span class="visually-hidden">（{t(lang, `step.${state}`)}）</span>
            </li>
          );
        })}
      </ol>
      <p class="small muted">{t(lang, 'reading.keepCard')}</p>
    </section>
  );
}
