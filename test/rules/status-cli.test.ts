import { describe, expect, it } from 'vitest';
import { statusReport, UsageError } from '../../scripts/status-cli';
import { InvalidDateError } from '../../src/rules/index';

const noClock = (): Date => {
  throw new UsageError('the clock was read although --today was given');
};

describe('npm run status prints the card’s dates and findings in Japanese and English', () => {
  it('shows the README example: expiry, renewal window, certificate estimate', () => {
    const out = statusReport(['--birth', '1990-05-10', '--issued', '2020-03-01', '--today', '2029-03-01', '--auth-tries', '1'], noClock);
    expect(out).toContain('2029年5月10日 (2029-05-10)');
    expect(out).toContain('renewal opens: 2029年2月11日 (2029-02-11)');
    expect(out).toContain('Certificate expiry (estimate, if issued with the card): 2024年5月10日 (2024-05-10)');
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

  it('accepts full-width and slashed dates', () => {
    const out = statusReport(['--birth', '１９９０/５/１０', '--issued', '2020年3月1日', '--today', '2029.3.1'], noClock);
    expect(out).toContain('Card expiry (computed): 2029年5月10日 (2029-05-10)');
  });
});
