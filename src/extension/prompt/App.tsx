/**
 * The PIN and consent window (issue 9 §2): who asks (the origin, large), what for, the
 * right PIN field checked with the rules core as typed, the tries left drawn as in the
 * popup, the last-try confirmation, the signing certificate's personal data before it
 * leaves, and a countdown. Pure rendering from the view the background pushes.
 */
import { useEffect, useState } from 'preact/hooks';
import { checkPin } from '../../rules/index';
import { pick, t, type Lang } from '../i18n/index';
import type { PromptCommand, PromptView } from '../prompt-model';
import { LangToggle } from '../ui/LangToggle';
import { PinRow } from '../ui/PinRow';
import { VirtualMark } from '../ui/VirtualMark';

export interface PromptProps {
  readonly view: PromptView | undefined;
  readonly lang: Lang;
  readonly send: (command: PromptCommand) => void;
  readonly setLang: (lang: Lang) => void;
  readonly now: () => number;
}

function secondsLeft(deadline: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(deadline) - now) / 1000));
}

function Origin({ origin, lang }: { origin: string; lang: Lang }) {
  const url = new URL(origin);
  const shown = url.protocol === 'https:' ? url.host : origin;
  return (
    <div class="prompt-origin">
      <span class="small muted">{t(lang, 'prompt.site')}</span>
      <strong class="origin" translate={false}>{shown}</strong>
      {url.protocol !== 'https:' && <span class="small warn-text">{t(lang, 'prompt.insecure')}</span>}
    </div>
  );
}

function PinForm({ view, lang, send }: { view: PromptView; lang: Lang; send: PromptProps['send'] }) {
  const [pin, setPin] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const kind = view.pin?.kind ?? 'auth';
  const check = checkPin(kind, pin);
  const lastTry = view.pin?.tries.remaining === 1;
  const ready = check.ok && (!lastTry || confirmed);
  const submit = (event: Event): void => {
    event.preventDefault();
    if (!ready) return;
    send({ type: 'submit', pin, lastTryConfirmed: confirmed });
    // The PIN leaves the window's state as soon as it is sent.
    setPin('');
  };
  return (
    <form class="stack" onSubmit={submit}>
      <label class="pin-label" for="pin">{t(lang, `prompt.pin.${kind}`)}</label>
      <input
        id="pin"
        class="pin-input"
        type="password"
        autocomplete="off"
        autocapitalize={kind === 'sign' ? 'characters' : 'off'}
        spellcheck={false}
        inputMode={kind === 'sign' ? 'text' : 'numeric'}
        maxLength={kind === 'sign' ? 16 : 4}
        value={pin}
        autoFocus
        aria-describedby="pin-help"
        aria-invalid={pin !== '' && !check.ok}
        onInput={(e) => setPin((e.target as HTMLInputElement).value)}
      />
      <p id="pin-help" class="small muted" aria-live="polite">
        {pin !== '' && !check.ok ? pick(check.message, lang) : t(lang, 'prompt.never')}
      </p>
      {lastTry && (
        <div class="last-try" role="alert">
          <p>{t(lang, 'prompt.lastTry')}</p>
          <label class="confirm">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed((e.target as HTMLInputElement).checked)} />
            {t(lang, 'prompt.lastTryConfirm')}
          </label>
        </div>
      )}
      <div class="prompt-buttons">
        <button type="button" class="btn secondary" onClick={() => send({ type: 'cancel' })}>{t(lang, 'prompt.cancel')}</button>
        <button type="submit" class="btn" disabled={!ready}>{t(lang, 'prompt.submit')}</button>
      </div>
    </form>
  );
}

function Consent({ view, lang, send }: { view: PromptView; lang: Lang; send: PromptProps['send'] }) {
  const h = view.holder;
  if (h === undefined) {
    // A signature in a signing flow: the password was given for the certificate a moment ago.
    return (
      <div class="stack">
        <p>{t(lang, 'prompt.signConfirm')}</p>
        <div class="prompt-buttons">
          <button type="button" class="btn secondary" onClick={() => send({ type: 'consent', agree: false })}>{t(lang, 'prompt.sign.refuse')}</button>
          <button type="button" class="btn" onClick={() => send({ type: 'consent', agree: true })}>{t(lang, 'prompt.sign.agree')}</button>
        </div>
      </div>
    );
  }
  return (
    <div class="stack">
      <h2 class="panel-title">{t(lang, view.ask === 'card-info' ? 'prompt.consent.cardInfo' : 'prompt.consent.title')}</h2>
      <dl class="holder">
        <dt>{t(lang, 'prompt.consent.name')}</dt><dd>{h.name}</dd>
        <dt>{t(lang, 'prompt.consent.address')}</dt><dd>{h.address}</dd>
        <dt>{t(lang, 'prompt.consent.birthDate')}</dt><dd>{h.birthDate}</dd>
        <dt>{t(lang, 'prompt.consent.sex')}</dt><dd>{t(lang, `prompt.sex.${h.sex}`)}</dd>
      </dl>
      <div class="prompt-buttons">
        <button type="button" class="btn secondary" onClick={() => send({ type: 'consent', agree: false })}>{t(lang, 'prompt.consent.refuse')}</button>
        <button type="button" class="btn" onClick={() => send({ type: 'consent', agree: true })}>{t(lang, 'prompt.consent.agree')}</button>
      </div>
    </div>
  );
}

export function PromptApp({ view, lang, send, setLang, now }: PromptProps) {
  const [clock, setClock] = useState(now());
  useEffect(() => {
    const timer = setInterval(() => setClock(now()), 1000);
    return () => clearInterval(timer);
  }, [now]);
  if (view === undefined) return <main class="prompt"><p class="muted">{t(lang, 'prompt.reading')}</p></main>;
  const problem = view.problem;
  return (
    <main class="prompt" lang={lang}>
      <header class="prompt-top">
        <h1>{t(lang, `prompt.title.${view.ask}`)}</h1>
        <LangToggle lang={lang} onChange={setLang} />
      </header>
      {view.virtual && <VirtualMark lang={lang} />}
      <Origin origin={view.origin} lang={lang} />
      <p>{t(lang, `prompt.asks.${view.ask}`)}</p>
      {view.description !== undefined && <p class="small">{t(lang, 'prompt.description', { text: view.description })}</p>}
      {view.fingerprint !== undefined && <p class="small muted" translate={false}>{t(lang, 'prompt.fingerprint', { fp: view.fingerprint })}</p>}
      {view.count !== undefined && <p class="small">{t(lang, 'prompt.count', { n: view.count })}</p>}
      {view.pin !== undefined && view.stage !== 'consent' && view.stage !== 'done' && (
        <ul class="pins"><PinRow pin={view.pin.tries} nameKey={`pin.${view.pin.kind}.name`} lang={lang} /></ul>
      )}
      {problem !== undefined && (
        <div class={`problem ${view.stage === 'refused' ? 'error' : 'warn'}`} role="alert">
          <p>{pick(problem.message, lang)}</p>
          {problem.action !== undefined && <p class="small">{pick(problem.action, lang)}</p>}
        </div>
      )}
      {view.stage === 'reading' && <p class="muted" role="status">{t(lang, 'prompt.reading')}</p>}
      {view.stage === 'checking' && <p class="muted" role="status">{t(lang, 'prompt.checking')}</p>}
      {view.stage === 'pin' && <PinForm view={view} lang={lang} send={send} />}
      {view.stage === 'consent' && <Consent view={view} lang={lang} send={send} />}
      {view.stage === 'done' && <p role="status">{t(lang, 'prompt.done')}</p>}
      {view.stage === 'waiting' && (
        <div class="stack">
          <p role="status">{t(lang, 'prompt.waiting')}</p>
          <div class="prompt-buttons"><button type="button" class="btn secondary" onClick={() => send({ type: 'cancel' })}>{t(lang, 'prompt.endFlow')}</button></div>
        </div>
      )}
      {view.stage === 'refused' && (
        <div class="prompt-buttons"><button type="button" class="btn" onClick={() => send({ type: 'cancel' })}>{t(lang, 'prompt.close')}</button></div>
      )}
      {view.stage !== 'refused' && view.stage !== 'done' && (
        <p class="small muted countdown" aria-live="off">{t(lang, 'prompt.countdown', { s: secondsLeft(view.deadline, clock) })}</p>
      )}
    </main>
  );
}
