/** The companion's own version, reported by hello; kept equal to native/package.json (test/native/host.test.ts checks). */
export const HOST_VERSION = '0.1.0';
