/**
 * `npm run status -- --expiry 2030-05-10 --birth 1990-05-10 [options]`: the rules core
 * from a terminal, from what is printed on the card (the issue date is optional). Prints the card and certificate expiry, the renewal windows and the
 * findings, Japanese with English. Reads the clock only to default --today.
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import {
  assess,
  BridgeError,
  cardExpiry,
  certificateExpiry,
  daysBetween,
  renewalOpens,
  toJstDate,
  LOST_CARD_ADVICE,
  normalizeDateInput,
  ageOn,
  PIN_POLICIES,
  type CardFacts,
  type Finding,
} from '../src/rules/index';

export const HELP = `マイナンバーカードの有効期限と更新時期を調べます / Check My Number Card expiry and renewal

使い方 / usage:
  npm run status -- --expiry <券面の有効期限> --birth <生年月日> [options]

  --expiry 日付            券面の有効期限（カードの表面に印字）/ expiry printed on the card
  --birth 日付             生年月日（券面に印字）/ date of birth (printed on the card)
  --issued 日付            カードの発行日（任意。分かれば計算が確かになります）/ issue date (optional; makes the estimate exact)
  --applied 日付           申請受付日 / day the application was received
  --stay 日付              在留期間満了日 / end of the period of stay (foreign residents)
  --today 日付             今日の日付（省略時は今日）/ today (default: today in Japan)
  --auth-tries N           利用者証明用暗証番号の残り回数 (0-3) / authentication PIN tries left
  --sign-tries N           署名用パスワードの残り回数 (0-5) / signing password tries left
  --assist-tries N         券面事項入力補助用暗証番号の残り回数 (0-3) / card-information PIN tries left
  -h, --help               この説明 / this help

日付はポップアップと同じ形で入力できます: 2034-03-05、2034/3/5、20340305、全角数字、
令和16年3月5日、R16.3.5、平成2年5月10日。/ Dates take the popup's forms: 2034-03-05, 2034/3/5,
20340305, full-width digits, 令和16年3月5日, R16.3.5, 平成2年5月10日.
例 / example:  npm run status -- --expiry 2030-05-10 --birth 1990-05-10 --auth-tries 1`;

/** A mistake in the command line, reported with the help hint and exit code 2. */
export class UsageError extends BridgeError {
  readonly code = 'cli-usage' as const;
  override readonly name = 'UsageError' as const;
  constructor(readonly ja: string, en: string) {
    super(en);
  }
}

const NEED_DATES = ['--expiry（券面の有効期限）と --birth（生年月日）を指定してください', 'give --expiry (printed on the card) and --birth'] as const;

function triesArg(raw: string | undefined, kind: 'auth' | 'sign' | 'assist'): number | undefined {
  if (raw === undefined) return undefined;
  const s = raw.normalize('NFKC').trim();
  const max = PIN_POLICIES[kind].maxTries;
  if (!/^\d+$/.test(s) || Number(s) > max) throw new UsageError(`--${kind}-tries は 0〜${max} の整数です: ${raw}`, `--${kind}-tries must be a whole number from 0 to ${max}: ${raw}`);
  return Number(s);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const enDate = (d: string): string => `${Number(d.slice(8, 10))} ${MONTHS[Number(d.slice(5, 7)) - 1] ?? '?'} ${d.slice(0, 4)}`;
const jaDate = (d: string): string => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const both = (d: string): string => `${jaDate(d)} (${d})`;
const RULE_TEXT = {
  'adult-10': '発行日後10回目の誕生日 / 10th birthday after issue',
  'minor-5': '発行日後5回目の誕生日 / 5th birthday after issue',
  stay: '在留期間満了日 / end of the period of stay',
} as const;
const SEVERITY_TEXT = { error: '[エラー / ERROR]', warning: '[注意 / WARNING]', info: '[お知らせ / INFO]' } as const;

function countdown(today: string, date: string): string {
  const n = daysBetween(today, date);
  return n >= 0 ? `あと${n}日 / ${n} days left` : `${-n}日前に期限切れ / expired ${-n} days ago`;
}

function findingLines(f: Finding): string[] {
  const lines = [`${SEVERITY_TEXT[f.severity]} ${f.code}`, `  ${f.text.ja}`, `  ${f.text.en}`];
  if (f.action) lines.push(`  → ${f.action.ja}`, `  → ${f.action.en}`);
  return lines;
}

interface StatusInputs {
  readonly today: string;
  readonly birth?: string;
  readonly card: NonNullable<CardFacts['card']>;
  readonly pins: NonNullable<CardFacts['pins']>;
}

const OPTIONS = {
  birth: { type: 'string' }, issued: { type: 'string' }, expiry: { type: 'string' }, applied: { type: 'string' },
  stay: { type: 'string' }, today: { type: 'string' }, 'auth-tries': { type: 'string' }, 'sign-tries': { type: 'string' },
  'assist-tries': { type: 'string' }, help: { type: 'boolean', short: 'h' },
} as const;

/** Parsed and checked options, or 'help'. `now` is read only when --today is absent. */
function parseInputs(argv: string[], now: () => Date): StatusInputs | 'help' {
  const { values } = parseArgs({ args: argv, strict: true, options: OPTIONS });
  if (values.help) return 'help';
  const date = (field: 'birth' | 'issued' | 'expiry' | 'applied' | 'stay' | 'today'): string | undefined => {
    const v = values[field];
    return v === undefined ? undefined : normalizeDateInput(v, `--${field}`);
  };
  const birth = date('birth');
  const card = { issueDate: date('issued'), expiry: date('expiry'), applicationDate: date('applied'), stayExpiry: date('stay') };
  if (card.expiry === undefined && (birth === undefined || card.issueDate === undefined)) throw new UsageError(...NEED_DATES);
  const today = date('today') ?? toJstDate(now());
  // A card cannot have been issued after today; a typo here would silently shift every date.
  if (card.issueDate !== undefined && card.issueDate > today) {
    throw new UsageError(`発行日 ${card.issueDate} が今日（${today}）より後です`, `the issue date ${card.issueDate} is after today (${today})`);
  }
  if (birth !== undefined && birth > today) throw new UsageError(`生年月日 ${birth} が今日（${today}）より後です`, `the birth date ${birth} is after today (${today})`);
  const pins = { auth: triesArg(values['auth-tries'], 'auth'), sign: triesArg(values['sign-tries'], 'sign'), assist: triesArg(values['assist-tries'], 'assist') };
  const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  return { today, ...(birth !== undefined ? { birth } : {}), card: defined(card), pins: defined(pins) };
}

/** The card's expiry lines; the printed date wins over the computed one. */
function cardSection(inp: StatusInputs): { lines: string[]; expiry: string } {
  const { birth, card, today } = inp;
  const lines: string[] = [];
  let expiry = card.expiry;
  if (birth !== undefined && card.issueDate !== undefined) {
    const { issueDate, applicationDate, stayExpiry } = card;
    const computed = cardExpiry({ birthDate: birth, issueDate, ...(applicationDate ? { applicationDate } : {}), ...(stayExpiry ? { stayExpiry } : {}) });
    const mark = computed.estimated ? ' ※推定・券面で確認 / estimated, check the card' : '';
    lines.push(`カードの有効期限（計算）/ Card expiry (computed): ${both(computed.date)}${mark}`, `  根拠 / rule: ${RULE_TEXT[computed.rule]}`);
    if (expiry !== undefined && expiry !== computed.date) lines.push(`  券面の日付 ${both(expiry)} を使います / using the printed date ${expiry}`);
    expiry ??= computed.date;
  } else if (expiry !== undefined) {
    lines.push(`カードの有効期限（券面）/ Card expiry (printed): ${both(expiry)}`);
  }
  if (expiry === undefined) throw new UsageError(...NEED_DATES);
  lines.push(`  ${countdown(today, expiry)}`, `  更新の申請ができる日 / renewal opens: ${both(renewalOpens(expiry))}`, '');
  return { lines, expiry };
}

/**
 * The certificates' expiry without the chip: assumed issued with the card (E1, E2) and
 * never renewed, so every line says "if not renewed" and nothing is stated as fact.
 * Without the issue date it follows from the printed expiry when that is unambiguous: a
 * 10-year card (the holder was surely an adult at issue) ends on the 10th birthday after
 * issue and its certificates on the 5th, 5 years earlier; a 5-year card (surely a minor)
 * ends with its certificates.
 */
function estimatedCertExpiry(inp: StatusInputs, cardEnds: string): string | undefined {
  const { birth, card } = inp;
  if (birth === undefined || card.stayExpiry !== undefined) return undefined;
  if (card.issueDate !== undefined) return certificateExpiry({ birthDate: birth, issueDate: card.issueDate, cardExpiry: cardEnds });
  const year = Number(cardEnds.slice(0, 4));
  const back = (n: number): string => `${year - n}${cardEnds.slice(4)}`;
  try {
    if (ageOn(birth, back(10)) >= 21) return back(5);
    if (ageOn(birth, back(5)) <= 16) return cardEnds;
  } catch (e) {
    // 29 February printed on a card whose year minus 5 or 10 has none: no safe estimate.
    if (!(e instanceof BridgeError)) throw e;
  }
  return undefined;
}

function certificateSection(inp: StatusInputs, cardEnds: string): string[] {
  const { today } = inp;
  const expiry = estimatedCertExpiry(inp, cardEnds);
  if (expiry === undefined) {
    return inp.birth === undefined ? [] : ['電子証明書の有効期限は、--issued（発行日）があれば推定できます / Give --issued to estimate the certificates’ expiry', ''];
  }
  const opens = renewalOpens(expiry);
  const n = daysBetween(today, expiry);
  const state =
    n < 0 ? [`  更新していなければ、${jaDate(expiry)}に期限が切れています。窓口で無料で再発行できます。`, `  If not renewed, they expired on ${enDate(expiry)}; the town office reissues them free.`]
    : today >= opens ? [`  更新していなければ、いま更新期間中です（${jaDate(expiry)}まで）。`, `  If not renewed, renewal is open now (until ${enDate(expiry)}).`]
    : [`  更新していなければ、あと${n}日です。`, `  If not renewed, ${n} days left.`];
  return [
    `電子証明書の有効期限（カードと同時に発行され、更新していない場合の推定）/ Certificate expiry (estimate, if issued with the card and not renewed): ${both(expiry)}`,
    ...state,
    `  更新できる日 / renewal opens: ${both(opens)}`,
    '  実際の日付はポップアップでカードから読み取れます / The popup reads the real dates from the card.',
    '',
  ];
}

/** The whole report for one command line; `now` is used only when --today is absent. */
export function statusReport(argv: string[], now: () => Date): string {
  const inp = parseInputs(argv, now);
  if (inp === 'help') return HELP;
  const cardPart = cardSection(inp);
  const certLines = certificateSection(inp, cardPart.expiry);
  // The certificates are only estimated here, so they are not facts for the rules core:
  // its findings would state an estimate as an error ("expired").
  const facts: CardFacts = {
    card: inp.card,
    pins: inp.pins,
    ...(inp.birth !== undefined ? { birthDate: inp.birth } : {}),
  };
  const findings = assess(facts, inp.today);
  const out = [`マイナンバーカードの状態 / My Number Card status — 今日 / today: ${both(inp.today)}`, '', ...cardPart.lines, ...certLines];
  out.push(findings.length === 0 ? '指摘はありません / No findings.' : `指摘 / Findings (${findings.length}):`);
  for (const f of findings) out.push(...findingLines(f));
  out.push('', LOST_CARD_ADVICE.ja, LOST_CARD_ADVICE.en);
  return out.join('\n');
}

/** What went wrong, in both languages, without a stack or the error's raw details. */
export function errorLines(e: unknown): string[] | undefined {
  if (e instanceof UsageError) return [`エラー: ${e.ja}`, `error: ${e.message}`];
  if (e instanceof BridgeError && e.code === 'invalid-date') {
    const field = String(e.details['field'] ?? 'date');
    const value = String(e.details['value'] ?? '');
    return e.details['reason'] === 'no-such-day'
      ? [`エラー: ${field} の「${value}」という日はありません`, `error: ${field} "${value}" is not a day of the calendar`]
      : [`エラー: ${field} の「${value}」を日付として読めません（例: 2030-05-10、令和12年5月10日）`, `error: ${field} "${value}" cannot be read as a date (e.g. 2030-05-10)`];
  }
  if (e instanceof BridgeError) return [`エラー: 入力を確認してください（${e.code}）`, `error: ${e.message}`];
  if (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS')) {
    return ['エラー: オプションを確認してください', `error: ${e.message}`];
  }
  return undefined;
}

function main(): void {
  try {
    console.log(statusReport(process.argv.slice(2), () => new Date()));
  } catch (e) {
    const lines = errorLines(e);
    if (!lines) throw e;
    for (const line of lines) console.error(line);
    console.error('使い方は --help / see --help');
    process.exit(2);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
