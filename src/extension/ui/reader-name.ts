/**
 * A reader's name as the popup's banner shows it: the model, which is what is printed on
 * the reader. USB product strings run long ("NTT Communications Corp. SCR3310-NTTCom USB
 * SmartCard Reader" takes two lines at 380 px, and the 600 px have no line to spare). The
 * full name stays in the element's title, in the connection panel and on the pairing page.
 */
const NOISE = /\b(?:Corp(?:oration)?\.?|Inc\.?|Co\.,? ?Ltd\.?|Ltd\.?|GmbH|USB|(?:Smart ?Card|IC ?Card|Card) Reader)(?=\s|$|,)/gi;
/** A model number mixes letters and digits (SCR3310-NTTCom, ACR39U, RC-S380/P). */
const MODEL = /^(?=.*[A-Za-z])(?=.*\d)\S+$/;

export function shortReaderName(name: string): string {
  const words = name.replace(NOISE, ' ').split(/\s+/).filter((w) => w !== '' && w !== ',');
  const model = words.findIndex((w) => MODEL.test(w));
  const short = (model >= 0 ? words.slice(model) : words).join(' ');
  return short === '' ? name : short;
}
