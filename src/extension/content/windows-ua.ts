/**
 * Runs in the page's MAIN world at document_start, on the portal's hosts only and only
 * where the holder's platform is Linux or ChromeOS (issue 10 §3; the background registers
 * it, and a setting turns it off). It makes navigator.userAgent, navigator.platform and
 * navigator.userAgentData (including getHighEntropyValues) say Windows, as the official
 * software's platforms do. The request headers are left alone: the port logged in to
 * マイナポータル and e-Tax without changing them (facts §5; a server-side check is UNCONFIRMED).
 */
import { windowsUserAgent } from './user-agent';

const nav = navigator as Navigator & { userAgentData?: { brands: unknown; mobile: boolean; getHighEntropyValues(hints: string[]): Promise<Record<string, unknown>> } };
const ua = windowsUserAgent(nav.userAgent);
const define = (target: object, key: string, value: unknown): void => {
  Object.defineProperty(target, key, { get: () => value, configurable: true });
};
define(Navigator.prototype, 'userAgent', ua);
define(Navigator.prototype, 'appVersion', ua.replace(/^Mozilla\//, ''));
define(Navigator.prototype, 'platform', 'Win32');
const original = nav.userAgentData;
if (original !== undefined) {
  const data = {
    brands: original.brands,
    mobile: original.mobile,
    platform: 'Windows',
    async getHighEntropyValues(hints: string[]): Promise<Record<string, unknown>> {
      const values = await original.getHighEntropyValues(hints);
      return { ...values, platform: 'Windows', platformVersion: '10.0.0' };
    },
    toJSON: () => ({ brands: original.brands, mobile: original.mobile, platform: 'Windows' }),
  };
  const proto = (globalThis as { NavigatorUAData?: { prototype: object } }).NavigatorUAData?.prototype;
  if (proto !== undefined) Object.setPrototypeOf(data, proto);
  define(Navigator.prototype, 'userAgentData', data);
}
