import { describe, expect, it } from 'vitest';
import { errorLines, statusReport, UsageError } from '../../scripts/status-cli';
import { InvalidDateError } from '../../src/rules/index';

const noClock = (): Date => {
  throw new UsageError('時計を読みました', 'the clock was read although --today was given');
};

describe('npm run status prints the card’s dates and findings in Japanese and English', () => {
  it('shows the README example: expiry, renewal window, certificate estimate', () => {
    const out = statusReport(['--birth', '1990-05-10', '--issued', '2020-03-01', '--today', '2029-03-01', '--auth-tries', '1'], noClock);
    expect(out).toContain('2029年5月10日 (2029-05-10)');
    expect(out).toContain('renewal opens: 2029年2月11日 (2029-02-11)');
    expect(out).toContain('Certificate expiry (estimate, if issued with the card and not renewed): 2024年5月10日 (2024-05-10)');
    expect(out).toContain('If not renewed, they expired on 10 May 2024');
    // An estimate is not a finding stated as fact.
    expect(out).not.toContain('auth-cert-expired');
    expect(out).toContain('card-renewal-open');
    expect(out).toContain('auth-pin-last-try');
    expect(out).toContain('0120-95-0178');
  });

  it('reads the clock only to default --today', () => {
    const out = statusReport(['--birth', '1990-05-10', '--issued', '2020-03-01'], () => new Date('2030-02-17T15:00:00Z'));
    expect(out).toContain('today: 2030年2月18日 (2030-02-18)');
  });

  it('uses the printed expiry over the computed one, and says so', () => {
    const out = statusReport(['--birth', '1990-05-10', '--issued', '2020-03-01', '--expiry', '2030-05-10', '--today', '2029-06-01'], noClock);
    expect(out).toContain('using the printed date 2030-05-10');
    expect(out).not.toContain('card-expired');
  });

  it('marks a 29 February estimate', () => {
    expect(statusReport(['--birth', '2000-02-29', '--issued', '2020-03-01', '--today', '2021-01-01'], noClock)).toContain('estimated, check the card');
  });

  it('prints help', () => {
    expect(statusReport(['--help'], noClock)).toContain('usage');
  });

  it.each([
    [['--birth', '1990-05-10'], UsageError],
    [['--birth', '1990-05-10', '--issued', '2020-02-30', '--today', '2026-01-01'], InvalidDateError],
    [['--birth', '1990-05-10', '--issued', '2020-03-01', '--auth-tries', '4', '--today', '2026-01-01'], UsageError],
    [['--birth', '1990-05-10', '--issued', '2020-03-01', '--sign-tries=-1', '--today', '2026-01-01'], UsageError],
  ])('refuses %j with a clear coded error', (argv, errorClass) => {
    expect(() => statusReport(argv, noClock)).toThrow(errorClass);
  });

  it('works from what is printed on the card: expiry and birth date, no issue date', () => {
    const out = statusReport(['--expiry', '2030-05-10', '--birth', '1990-05-10', '--today', '2025-03-01'], noClock);
    expect(out).toContain('Card expiry (printed): 2030年5月10日 (2030-05-10)');
    // A 10-year card issued at 30: its certificates end on the 5th birthday after issue.
    expect(out).toContain('not renewed): 2025年5月10日 (2025-05-10)');
    expect(out).toContain('If not renewed, renewal is open now (until 10 May 2025)');
    expect(out).not.toMatch(/\[エラー \/ ERROR\]/);
  });

  it('takes the popup’s date forms: 和暦, YYYYMMDD and full-width digits', () => {
    const out = statusReport(['--expiry', '令和12年5月10日', '--birth', 'H2.5.10', '--today', '２０２５０３０１'], noClock);
    expect(out).toContain('Card expiry (printed): 2030年5月10日 (2030-05-10)');
    expect(out).toContain('today: 2025年3月1日 (2025-03-01)');
  });

  it('refuses an issue date in the future, in both languages', () => {
    expect(() => statusReport(['--birth', '1990-05-10', '--issued', '2027-01-01', '--today', '2026-01-01'], noClock)).toThrow(/after today/);
    try {
      statusReport(['--birth', '1990-05-10', '--issued', '2027-01-01', '--today', '2026-01-01'], noClock);
    } catch (e) {
      expect(errorLines(e)).toEqual(['エラー: 発行日 2027-01-01 が今日（2026-01-01）より後です', 'error: the issue date 2027-01-01 is after today (2026-01-01)']);
    }
  });

  it('reports a date it cannot read in both languages, without raw JSON', () => {
    let lines: string[] | undefined;
    try {
      statusReport(['--expiry', '2030-02-30', '--birth', '1990-05-10'], noClock);
    } catch (e) {
      lines = errorLines(e);
    }
    expect(lines).toEqual(['エラー: --expiry の「2030-02-30」という日はありません', 'error: --expiry "2030-02-30" is not a day of the calendar']);
    expect(lines?.join('\n')).not.toMatch(/[{}]/);
  });

  it('accepts full-width and slashed dates', () => {
    const out = statusReport(['--birth', '１９９０/５/１０', '--issued', '2020年3月1日', '--today', '2029.3.1'], noClock);
    expect(out).toContain('Card expiry (computed): 2029年5月10日 (2029-05-10)');
  });
});
