/**
 * The verify layer's vocabulary: every class carries the code it is listed under and a
 * literal name, so a site's `switch (e.code)` never breaks on a rename.
 */
import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../src/error';
import { VERIFY_ERRORS, isVerifyError } from '../../src/verify/index';
import { CertificateParseError } from '../../src/card/index';

describe('verify errors', () => {
  it.each(Object.entries(VERIFY_ERRORS))('%s is a BridgeError with that code and its class name', (code, Type) => {
    const e = new Type('message', { k: 1 });
    expect(e).toBeInstanceOf(BridgeError);
    expect(e.code).toBe(code);
    expect(e.name).toBe(Type.name);
    expect(e.details).toEqual({ k: 1 });
    expect(isVerifyError(e)).toBe(true);
  });

  it('another layer\'s error or a plain TypeError is not a verify error', () => {
    expect(isVerifyError(new CertificateParseError('x'))).toBe(false);
    expect(isVerifyError(new TypeError('x'))).toBe(false);
  });
});
