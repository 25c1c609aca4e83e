import { describe, expect, it } from 'vitest';
import { forPopup, forReply, problemOf } from '../../src/extension/background/problems/index';
import { DeadlineExpiredError, NoReaderError } from '../../src/extension/background/errors';
import { FileNotFoundError, PinLockedError, NotJpkiCardError } from '../../src/card/errors';
import { CardMuteError, NoCardError, ReaderBusyError, ReaderGoneError, ReaderProtectedError, ReaderTimeoutError } from '../../src/reader/errors';
import { ReaderStallError } from '../../src/reader/ccid/errors';
import { ERROR_TEXTS } from '../../src/extension/i18n/errors';

describe('what the popup says for each failure', () => {
  it.each([
    ['no paired reader', new NoReaderError('x'), 'no-reader', 'no-reader'],
    ['the reader unplugged mid-read', new ReaderGoneError('x'), 'reader-disconnected', 'no-reader'],
    ['Chrome refusing the Smart Card class', new ReaderProtectedError('x'), 'reader-protected-interface', 'reader-blocked'],
    ['the OS holding the reader', new ReaderBusyError('x'), 'reader-busy', 'reader-busy'],
    ['a reader that stopped answering', new ReaderTimeoutError('x'), 'reader-timeout', 'error'],
    ['no card', new NoCardError('x'), 'card-absent', 'no-card'],
    ['a mute card', new CardMuteError('x'), 'card-mute', 'error'],
    ['a foreign card', new NotJpkiCardError('x'), 'not-jpki-card', 'error'],
    ['a deadline', new DeadlineExpiredError('x'), 'deadline-expired', 'error'],
    ['a driver code with a resident meaning (a stalled endpoint: the reader does not answer)', new ReaderStallError('x'), 'reader-timeout', 'error'],
    // The drivers map WebUSB's DOMExceptions once, at the seam (src/reader/ccid/seam-errors.ts); one that got
    // past them is a bug, told as such rather than guessed at a second time.
    ['a raw DOMException', new DOMException('gone', 'NotFoundError'), 'unexpected', 'error'],
  ])('%s', (_, error, code, phase) => {
    const problem = problemOf(error);
    expect(problem.code).toBe(code);
    expect(problem.phase).toBe(phase);
    expect(problem.message.ja).not.toBe('');
    expect(problem.message.en).not.toBe('');
  });

  it('keeps the code of an error it has no words for, and says the card could not be read', () => {
    const problem = problemOf(new FileNotFoundError('no EF 0009'));
    expect(problem).toMatchObject({ code: 'unexpected', cause: 'file-not-found', phase: 'error' });
    expect(problemOf('a string')).toMatchObject({ code: 'unexpected' });
  });

  it('tells a page or a view the stable code only, and the popup the words and what to do', () => {
    const problem = problemOf(new PinLockedError('locked: 0 tries of 3 left'));
    expect(forReply(problem)).toEqual({ ok: false, code: 'pin-locked' });
    const popup = forPopup(problemOf(new ReaderBusyError('held by pcscd')));
    expect(popup.code).toBe('reader-busy');
    expect(popup.action?.en).toMatch(/pcscd/);
    expect(JSON.stringify(forReply(problemOf(new ReaderBusyError('held by pcscd'))))).not.toMatch(/pcscd/);
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
