/**
 * Pieces of text that must never be split across lines (issue 13 §3): a date, a range
 * (「6〜16文字」), a counter (「あと1回」), a phone number, a product or shop name with a
 * hyphen in it (SCR3310-NTTCom, セブン-イレブン), a USB id, a shell command's words. Chrome
 * breaks after a hyphen and between Japanese phrases, so the views wrap each match in a
 * span with `white-space: nowrap`. Pure, so the unit test checks it on every catalogue.
 */
const PATTERNS: readonly RegExp[] = [
  /0120-\d{2}-\d{4}/, // the lost-card hotline, before the dates so it is not read as one
  /\d{4}年\d{1,2}月\d{1,2}日/, // 2029年3月14日
  /(?:令和|平成|昭和)\d{1,2}年\d{1,2}月\d{1,2}日/,
  /(?:19|20)\d{2}[-/]\d{1,2}[-/]\d{1,2}/, // 2029-03-14, 2029/3/14
  /\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}/, // 14 Mar 2029
  /\d+\s?[〜～–-]\s?\d+\s?(?:文字|characters|letters(?: and digits|\/digits)?)?/, // 6〜16文字, 6–16, 06:30～23:00 parts
  /\d{1,2}:\d{2}\s?[〜～–-]\s?\d{1,2}:\d{2}/, // 6:30～23:00
  /(?:あと|残り|全)\s?[\d,]+\s?(?:回|日|か月)/, // あと1回, あと 838 日
  /[\d,]+\s?(?:回|日|件|桁|文字|歳|時間|か月)/, // 4桁, 15歳, 24時間
  /[\d,]+ (?:days?|tries|digits|characters) ?(?:left|ago)?/, // 838 days left
  /RC-S\d{3}(?:\/[SP])?/, // Sony's RC-S380, RC-S300/P (Chrome breaks after their hyphen)
  /[A-Z]{2,}\d+[-A-Za-z0-9]*(?:-[A-Za-z0-9]+)*/, // SCR3310-NTTCom, SCR331-DI-NTTCom, ACR39U
  /[0-9A-F]{4}:[0-9A-F]{4}/, // 04E6:511A
  /セブン-イレブン|ファミリーマート|マイナポータル|e-Tax|Seven-Eleven|J-LIS|JPKI/,
];

const ANY = new RegExp(PATTERNS.map((p) => `(?:${p.source})`).join('|'), 'g');

export interface TextPiece {
  readonly text: string;
  /** True for a piece that must stay on one line. */
  readonly keep: boolean;
}

/** Splits text into runs that may break and runs that must not, in order; joined, they are the text. */
export function noBreakPieces(text: string): TextPiece[] {
  const out: TextPiece[] = [];
  let at = 0;
  for (const m of text.matchAll(ANY)) {
    const start = m.index ?? 0;
    if (start > at) out.push({ text: text.slice(at, start), keep: false });
    out.push({ text: m[0], keep: true });
    at = start + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at), keep: false });
  return out;
}
