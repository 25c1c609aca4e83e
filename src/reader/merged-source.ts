/**
 * Several reader sources as one (DESIGN "Where readers come from"): the background asks
 * one source for its readers, and the worker entry decides which routes exist (WebUSB
 * CCID, the RC-S380 over WebUSB, the native companion). Candidates keep their source's
 * key, prefixed with the source kind so two routes never collide; one source that fails
 * to list does not hide the others' readers.
 */
import type { ReaderCandidate, ReaderSource } from './types';

export function mergeSources(sources: readonly ReaderSource[]): ReaderSource {
  if (sources.length === 1) return sources[0]!;
  return {
    kind: sources[0]?.kind ?? 'webusb-ccid',
    async list(): Promise<readonly ReaderCandidate[]> {
      const lists = await Promise.allSettled(sources.map((s) => s.list()));
      const out: ReaderCandidate[] = [];
      lists.forEach((result, i) => {
        if (result.status !== 'fulfilled') return;
        for (const c of result.value) out.push({ ...c, key: `${sources[i]!.kind}/${c.key}` });
      });
      // Every source failed: say why with the first one's error rather than "no reader".
      const failed = lists.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (out.length === 0 && failed !== undefined && lists.every((r) => r.status === 'rejected')) throw failed.reason;
      return out;
    },
    onChange(listener: () => void): () => void {
      const offs = sources.map((s) => s.onChange(listener));
      return () => offs.forEach((off) => off());
    },
  };
}
