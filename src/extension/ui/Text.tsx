/** Catalogue text with its dates, ranges, counters and product names kept on one line (see no-break.ts). */
import { noBreakPieces } from './no-break';

export function Text({ children }: { children: string }) {
  return (
    <>
      {noBreakPieces(children).map((p, i) => (p.keep ? <span key={i} class="nw">{p.text}</span> : p.text))}
    </>
  );
}
