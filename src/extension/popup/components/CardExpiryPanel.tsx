/**
 * Optional: the expiry printed on the card, so the card's own renewal window is shown
 * beside the certificates'. The date is checked here for a clear message, and the
 * background (which keeps it in storage.local) checks it again.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, type Lang, type UiKey } from '../../i18n/index';
import { parsePrintedDate } from '../../ui/printed-date';
import { cardExpiryView } from '../../ui/validity-view';
import { formatDaysLeft } from '../../ui/format';
import { dateLine } from '../../ui/date-line';
import { PILL_TONE } from './CertificatePanel';
import { Text } from '../../ui/Text';

export interface CardExpiryPanelProps {
  readonly printedExpiry: string | undefined;
  readonly today: string;
  readonly lang: Lang;
  readonly onSave: (date: string | null) => Promise<boolean>;
  /** Start in the form (for the preview); the holder opens it with a button. */
  readonly initialEditing?: boolean;
  readonly initialInput?: string;
}

export function CardExpiryPanel({ printedExpiry, today, lang, onSave, initialEditing, initialInput }: CardExpiryPanelProps) {
  const [editing, setEditing] = useState(initialEditing ?? false);
  const [input, setInput] = useState(initialInput ?? '');
  const [error, setError] = useState<UiKey | null>(null);
  const [notice, setNotice] = useState<UiKey | null>(null);
  const field = useRef<HTMLInputElement>(null);
  // When the form closes, focus goes to the panel title instead of falling to <body>.
  const title = useRef<HTMLHeadingElement>(null);
  const view = printedExpiry ? cardExpiryView(printedExpiry, today) : null;
  useEffect(() => {
    if (editing) field.current?.focus();
  }, [editing]);

  const save = async (e: Event) => {
    e.preventDefault();
    const parsed = parsePrintedDate(input, today);
    if (!parsed.ok) {
      setError(`cardExpiry.error.${parsed.reason}`);
      field.current?.focus();
      return;
    }
    if (!(await onSave(parsed.date))) return setError('cardExpiry.error.save');
    setError(null);
    setEditing(false);
    setNotice('cardExpiry.saved');
    title.current?.focus();
  };
  const remove = async () => {
    if (!(await onSave(null))) return;
    setNotice('cardExpiry.removed');
    title.current?.focus();
  };

  return (
    <section class="panel compact-panel" aria-labelledby="card-expiry-title">
      {/* One line until the holder asks for more: the form and its explanation open on demand. */}
      <div class="panel-head">
        <h2 id="card-expiry-title" class="panel-title" ref={title} tabIndex={-1}>{t(lang, 'cardExpiry.title')}</h2>
        {view && !editing && (
          <span class="panel-head-actions">
            <button type="button" class="btn quiet" onClick={() => { setInput(printedExpiry ?? ''); setEditing(true); setNotice(null); }}>
              {t(lang, 'cardExpiry.change')}
            </button>
            <button type="button" class="btn quiet" onClick={remove}>{t(lang, 'cardExpiry.remove')}</button>
          </span>
        )}
        {!view && !editing && (
          <button type="button" class="btn secondary" aria-label={t(lang, 'cardExpiry.addLabel')} onClick={() => { setEditing(true); setNotice(null); }}>
            {t(lang, 'cardExpiry.add')}
          </button>
        )}
      </div>
      {view && !editing && (
        <p class="glance-row card-row">
          <span class={`pill ${PILL_TONE[view.state]}`}>{t(lang, `cert.state.${view.state}`)}</span>
          <span class={`days ${PILL_TONE[view.state]}`}>{formatDaysLeft(view.daysLeft, lang)}</span>
          <span class="glance-sub small"><Text>{dateLine(view, lang)}</Text></span>
        </p>
      )}
      {editing && (
        <form class="expiry-form" onSubmit={save} noValidate>
          <p class="small muted">{t(lang, 'cardExpiry.explain')}</p>
          <label for="expiry-input">{t(lang, 'cardExpiry.label')}</label>
          <span class="field-row">
            <input
            id="expiry-input"
            ref={field}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            placeholder={t(lang, 'cardExpiry.hint')}
            value={input}
            aria-invalid={error ? 'true' : 'false'}
            aria-describedby={error ? 'expiry-hint expiry-error' : 'expiry-hint'}
            onInput={(e) => setInput((e.currentTarget as HTMLInputElement).value)}
          />
            <button type="submit" class="btn">{t(lang, 'cardExpiry.save')}</button>
            <button type="button" class="btn quiet" onClick={() => { setEditing(false); setError(null); title.current?.focus(); }}>
              {t(lang, 'cardExpiry.cancel')}
            </button>
          </span>
          {/* The example stays in the placeholder for the eye and here for screen readers, so
              the field and its buttons share one line inside the 600 px. */}
          <p id="expiry-hint" class="visually-hidden">{t(lang, 'cardExpiry.hint')}</p>
          {error && <p id="expiry-error" class="field-error" role="alert"><Text>{t(lang, error)}</Text></p>}
        </form>
      )}
      <p class="visually-hidden" aria-live="polite">{notice ? t(lang, notice) : ''}</p>
    </section>
  );
}
