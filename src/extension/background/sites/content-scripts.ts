/// <reference types="@crxjs/vite-plugin/client" />
/**
 * Where the Web eID content script runs (issue 9 §3): registered at run time with
 * `scripting.registerContentScripts`, on the origins the holder allowed (each one also
 * an optional host permission the holder granted) and, in the virtual build, on local
 * test servers. The script is built as one self-contained IIFE (crxjs `?script&iife`),
 * so its message listener is in place at document_start — a loader's dynamic import
 * would miss a page that posts right after loading.
 */
import webEidScript from '../../content/web-eid.ts?script&iife';
import portalScript from '../../content/portal.ts?script&iife';
import windowsUaScript from '../../content/windows-ua.ts?script&iife';

export const WEB_EID_SCRIPT_ID = 'web-eid';
export const PORTAL_SCRIPT_ID = 'portal';
export const WINDOWS_UA_SCRIPT_ID = 'windows-ua';
/** Where the virtual build shows its local test pages the Windows user agent (tests of issue 10 §3). */
export const LOCAL_UA_TEST_MATCHES: readonly string[] = Object.freeze(['http://127.0.0.1/ua/*']);
/** The government portal's hosts, declared as host permissions in manifest.json (issue 10 §1). */
export const PORTAL_MATCHES: readonly string[] = Object.freeze(['https://*.myna.go.jp/*', 'https://*.nta.go.jp/*']);
/** Local test servers, any port (a match pattern without a port matches every port). */
export const LOCAL_TEST_MATCHES: readonly string[] = Object.freeze(['http://localhost/*', 'http://127.0.0.1/*']);

export interface ScriptingArea {
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<{ id: string }[]>;
  registerContentScripts(scripts: RegisteredScript[]): Promise<void>;
  updateContentScripts(scripts: RegisteredScript[]): Promise<void>;
  unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
}

export interface RegisteredScript {
  readonly id: string;
  readonly js: string[];
  readonly matches: string[];
  readonly allFrames: boolean;
  readonly runAt: 'document_start' | 'document_end';
  readonly world?: 'MAIN' | 'ISOLATED';
  readonly persistAcrossSessions: boolean;
}

/** The match pattern of one allowed origin: every path, that scheme, host and port. */
export function matchFor(origin: string): string {
  return `${origin}/*`;
}

/** Makes the registered script `id` run exactly on `matches` (none: unregistered). */
async function place(scripting: ScriptingArea, script: Omit<RegisteredScript, 'matches'>, matches: readonly string[]): Promise<void> {
  const registered = (await scripting.getRegisteredContentScripts({ ids: [script.id] })).length > 0;
  if (matches.length === 0) {
    if (registered) await scripting.unregisterContentScripts({ ids: [script.id] });
    return;
  }
  const full: RegisteredScript = { ...script, matches: [...matches] };
  await (registered ? scripting.updateContentScripts([full]) : scripting.registerContentScripts([full]));
}

/** The Web eID script: every frame, at document_start (the library posts as soon as the page loads). */
export function placeWebEidScript(scripting: ScriptingArea, matches: readonly string[]): Promise<void> {
  return place(scripting, { id: WEB_EID_SCRIPT_ID, js: [webEidScript], allFrames: true, runAt: 'document_start', persistAcrossSessions: true }, matches);
}

/** The portal script: the top frame at document_end, as the official one (it appends to document.body). */
export function placePortalScript(scripting: ScriptingArea, matches: readonly string[]): Promise<void> {
  return place(scripting, { id: PORTAL_SCRIPT_ID, js: [portalScript], allFrames: false, runAt: 'document_end', persistAcrossSessions: true }, matches);
}

/** The Windows user agent, in the page's own world before its scripts run (portal hosts, Linux and ChromeOS only). */
export function placeWindowsUaScript(scripting: ScriptingArea, matches: readonly string[]): Promise<void> {
  return place(scripting, { id: WINDOWS_UA_SCRIPT_ID, js: [windowsUaScript], allFrames: true, runAt: 'document_start', world: 'MAIN', persistAcrossSessions: true }, matches);
}
