/**
 * The rules core's findings, most severe first, each with what to do. The severity is
 * written as a word as well as a colour.
 */
import { sortFindings, type Finding } from '../../rules/index';
import { pick, t, type Lang } from '../i18n/index';
import { Text } from './Text';

export function FindingList({ findings, lang }: { findings: readonly Finding[]; lang: Lang }) {
  if (findings.length === 0) return <p class="muted">{t(lang, 'findings.none')}</p>;
  return (
    <ul>
      {sortFindings(findings).map((f) => (
        <li key={f.code} class={`finding ${f.severity}`}>
          <p class="finding-head">
            <span class="finding-sev">{t(lang, `severity.${f.severity}`)}</span>
            <span class="finding-text"><Text>{pick(f.text, lang)}</Text></span>
          </p>
          {f.action && (
            <p class="finding-action">
              <b>{t(lang, 'finding.todo')}:</b>
              <Text>{pick(f.action, lang)}</Text>
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
