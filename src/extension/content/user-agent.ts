/**
 * The user agent the government portal is shown on Linux and ChromeOS (issue 10 §3):
 * マイナポータル refuses browsers that do not say Windows or macOS (facts §5), although
 * nothing else about the page depends on it. Only the platform part changes; the browser
 * and its version stay true. ChromeOS says `X11; CrOS …`, which the port's regex missed.
 */
export const WINDOWS_PLATFORM = 'Windows NT 10.0; Win64; x64';

export function windowsUserAgent(ua: string): string {
  return ua.replace(/\((?:X11;\s*)?(?:Linux|CrOS)[^)]*\)/i, `(${WINDOWS_PLATFORM})`);
}
