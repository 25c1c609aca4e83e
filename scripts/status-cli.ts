/**
 * `npm run status -- --birth 1990-05-10 --issued 2020-03-01 [options]`: the rules core
 * from a terminal. Prints the card and certificate expiry, the renewal windows and the
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
  PIN_POLICIES,
  type CardFacts,
  type Finding,
} from '../src/rules/index';

export const HELP = `マイナンバーカードの有効期限と更新時期を調べます / Check My Number Card expiry and renewal

使い方 / usage:
  npm run status -- --birth YYYY-MM-DD --issued YYYY-MM-DD [options]

  --birth YYYY-MM-DD       生年月日 / date of birth
  --issued YYYY-MM-DD      カードの発行日（J-LISが作った日）/ card issue date
  --expiry YYYY-MM-DD      券面の有効期限（分かれば優先）/ expiry printed on the card (wins)
  --applied YYYY-MM-DD     申請受付日 / day the application was received
  --stay YYYY-MM-DD        在留期間満了日 / end of the period of stay (foreign residents)
  --today YYYY-MM-DD       今日の日付（省略時は今日）/ today (default: today in Japan)
  --auth-tries N           利用者証明用暗証番号の残り回数 (0-3) / auth PIN tries left
  --sign-tries N           署名用パスワードの残り回数 (0-5) / signing password tries left
  --assist-tries N         券面事項入力補助用暗証番号の残り回数 (0-3) / assist PIN tries left
  -h, --help               この説明 / this help

日付は全角数字や 2020/3/1 の形でも入力できます。 / Dates may use full-width digits or 2020/3/1.
例 / example:  npm run status -- --birth 1990-05-10 --issued 2020-03-01 --auth-tries 1`;

/** A mistake in the command line, reported with the help hint and exit code 2. */
export class UsageError extends BridgeError {
  readonly code = 'cli-usage' as const;
  override readonly name = 'UsageError' as const;
}

function triesArg(raw: string | undefined, kind: 'auth' | 'sign' | 'assist'): number | undefined {
  if (raw === undefined) return undefined;
  const s = raw.normalize('NFKC').trim();
  const max = PIN_POLICIES[kind].maxTries;
  if (!/^\d+$/.test(s) || Number(s) > max) throw new UsageError(`--${kind}-tries must be a whole number from 0 to ${max}: ${raw}`);
  return Number(s);
}

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
  if (card.expiry === undefined && (birth === undefined || card.issueDate === undefined)) {
    throw new UsageError('give --birth and --issued (or the printed --expiry)');
  }
  const pins = { auth: triesArg(values['auth-tries'], 'auth'), sign: triesArg(values['sign-tries'], 'sign'), assist: triesArg(values['assist-tries'], 'assist') };
  const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  return { today: date('today') ?? toJstDate(now()), ...(birth !== undefined ? { birth } : {}), card: defined(card), pins: defined(pins) };
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
  if (expiry === undefined) throw new UsageError('give --birth and --issued (or the printed --expiry)');
  lines.push(`  ${countdown(today, expiry)}`, `  更新の申請ができる日 / renewal opens: ${both(renewalOpens(expiry))}`, '');
  return { lines, expiry };
}

/** Without the chip, both certificates are assumed to have been issued with the card (E1, E2). */
function certificateSection(inp: StatusInputs, cardEnds: string): { lines: string[]; cert?: { notBefore: Date; notAfter: Date } } {
  const { birth, card, today } = inp;
  if (birth === undefined || card.issueDate === undefined) return { lines: [] };
  const expiry = certificateExpiry({ birthDate: birth, issueDate: card.issueDate, cardExpiry: cardEnds });
  const lines = [
    `電子証明書の有効期限（カードと同時に発行した場合の推定）/ Certificate expiry (estimate, if issued with the card): ${both(expiry)}`,
    `  ${countdown(today, expiry)}`,
    `  更新できる日 / renewal opens: ${both(renewalOpens(expiry))}`,
    '',
  ];
  return { lines, cert: { notBefore: new Date(`${card.issueDate}T00:00:00+09:00`), notAfter: new Date(`${expiry}T23:59:59+09:00`) } };
}

/** The whole report for one command line; `now` is used only when --today is absent. */
export function statusReport(argv: string[], now: () => Date): string {
  const inp = parseInputs(argv, now);
  if (inp === 'help') return HELP;
  const cardPart = cardSection(inp);
  const certPart = certificateSection(inp, cardPart.expiry);
  const facts: CardFacts = {
    card: inp.card,
    pins: inp.pins,
    ...(inp.birth !== undefined ? { birthDate: inp.birth } : {}),
    ...(certPart.cert ? { authCert: certPart.cert, signCert: certPart.cert } : {}),
  };
  const findings = assess(facts, inp.today);
  const out = [`マイナンバーカードの状態 / My Number Card status — 今日 / today: ${both(inp.today)}`, '', ...cardPart.lines, ...certPart.lines];
  out.push(findings.length === 0 ? '指摘はありません / No findings.' : `指摘 / Findings (${findings.length}):`);
  for (const f of findings) out.push(...findingLines(f));
  out.push('', LOST_CARD_ADVICE.ja, LOST_CARD_ADVICE.en);
  return out.join('\n');
}

function main(): void {
  try {
    console.log(statusReport(process.argv.slice(2), () => new Date()));
  } catch (e) {
    const known = e instanceof BridgeError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'));
    if (!known) throw e;
    console.error(`エラー / error: ${e.message}${e instanceof BridgeError && Object.keys(e.details).length ? ` ${JSON.stringify(e.details)}` : ''}`);
    console.error('使い方は --help / see --help');
    process.exit(2);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
