/**
 * The one base class for every error this project throws on purpose.
 * Each subclass fixes `code` (stable, kebab-case, shown to pages and logged) and
 * `name` as literals so a code never changes by accident; each layer keeps its own
 * small vocabulary in its own `errors.ts` (STYLE §8, §9).
 * It lives on the ground floor (DESIGN's layer table), which every layer may import;
 * it uses nothing but the language.
 */
export abstract class BridgeError extends Error {
  abstract readonly code: string;
  /** Whitelisted, plain-data details that may cross to a page (STYLE §10). */
  readonly details: Readonly<Record<string, string | number | boolean>>;

  constructor(message: string, details: Record<string, string | number | boolean> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.details = Object.freeze({ ...details });
  }
}
