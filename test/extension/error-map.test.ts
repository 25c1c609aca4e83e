import { describe, expect, it } from 'vitest';
import { problemOf } from '../../src/extension/background/error-map';
import { DeadlineExpiredError, NoReaderError } from '../../src/extension/background/errors';
import { PinLockedError, NotJpkiCardError } from '../../src/card/errors';
import { CardMuteError, NoCardError, ProtectedInterfaceError, ReaderBusyError, ReaderDisconnectedError, ReaderStallError } from '../../src/reader/ccid/errors';
import { ERROR_TEXTS } from '../../src/extension/i18n/errors';

describe('what the popup says for each failure', () => {
  it.each([
    ['no paired reader', new NoReaderError('x'), 'no-reader', 'no-reader'],
    ['the reader unplugged mid-read', new ReaderDisconnectedError('x'), 'reader-disconnected', 'no-reader'],
    ['WebUSB NotFoundError that slipped past the driver', new DOMException('gone', 'NotFoundError'), 'reader-disconnected', 'no-reader'],
    ['Chrome refusing the Smart Card class', new ProtectedInterfaceError('x'), 'reader-protected-interface', 'reader-blocked'],
    ['a raw SecurityError on claim', new DOMException('The requested interface implements a protected class.', 'SecurityError'), 'reader-protected-interface', 'reader-blocked'],
    ['the OS holding the reader', new ReaderBusyError('x'), 'reader-busy', 'reader-busy'],
    ['a raw NetworkError on claim', new DOMException('Unable to claim interface.', 'NetworkError'), 'reader-busy', 'reader-busy'],
    ['no card', new NoCardError('x'), 'card-absent', 'no-card'],
    ['a mute card', new CardMuteError('x'), 'card-mute', 'error'],
    ['a foreign card', new NotJpkiCardError('x'), 'not-jpki-card', 'error'],
    ['a deadline', new DeadlineExpiredError('x'), 'deadline-expired', 'error'],
    ['a stalled endpoint, told as a reader that does not answer', new ReaderStallError('x'), 'reader-timeout', 'error'],
  ])('%s', (_, error, code, phase) => {
    const problem = problemOf(error);
    expect(problem.code).toBe(code);
    expect(problem.phase).toBe(phase);
    expect(problem.message.ja).not.toBe('');
    expect(problem.message.en).not.toBe('');
  });

  it('keeps the code of an error it has no words for, and says the card could not be read', () => {
    const problem = problemOf(new PinLockedError('locked'));
    expect(problem).toMatchObject({ code: 'unexpected', cause: 'pin-locked', phase: 'error' });
    expect(problemOf('a string')).toMatchObject({ code: 'unexpected' });
  });

  it('has Japanese and English for every message and action', () => {
    for (const [code, text] of Object.entries(ERROR_TEXTS)) {
      for (const part of [text.message, ...('action' in text && text.action ? [text.action] : [])]) {
        expect(part.ja, code).toMatch(/[ぁ-んァ-ヶ一-龠]/);
        expect(part.en, code).toMatch(/^[\x20-\x7E’“”–]+$/);
      }
    }
  });
});
