/**
 * The one message catalogue of the extension's views: the UI words (ui.ts) and, once
 * the platform layer adds it, the error catalogue (errors.ts). Japanese is the default
 * language; English is the holder's choice, remembered by settings.ts.
 */
import type { LocalText } from '../status-model';
import { UI_TEXT, type UiKey } from './ui';

export type Lang = 'ja' | 'en';
export const LANGS: readonly Lang[] = Object.freeze(['ja', 'en'] as const);
export const DEFAULT_LANG: Lang = 'ja';

export type { UiKey };
export { UI_TEXT };

export function isLang(value: unknown): value is Lang {
  return value === 'ja' || value === 'en';
}

/** Fills `{name}` markers; a marker with no value is left visible so a gap is noticed in review. */
export function fill(template: string, params: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}

export function t(lang: Lang, key: UiKey, params?: Readonly<Record<string, string | number>>): string {
  return fill(UI_TEXT[key][lang], params);
}

/** One side of a `{ ja, en }` pair, falling back to Japanese when a side is empty. */
export function pick(text: LocalText, lang: Lang): string {
  return text[lang] || text.ja;
}

export { ERROR_TEXTS, errorText, type ErrorText, type KnownErrorCode } from './errors';
