import { describe, expect, it } from 'vitest';
import { mergeSources } from '../../src/reader/merged-source';
import { ReaderBusyError } from '../../src/reader/errors';
import type { ReaderCandidate, ReaderSource } from '../../src/reader/types';

function source(kind: ReaderSource['kind'], names: string[] | Error): ReaderSource & { fire(): void } {
  const listeners = new Set<() => void>();
  return {
    kind,
    async list(): Promise<readonly ReaderCandidate[]> {
      if (names instanceof Error) throw names;
      return names.map((name) => ({ key: name, identity: { name, source: kind }, open: async () => Promise.reject(new Error('unused')), forget: async () => undefined }));
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    fire: () => listeners.forEach((l) => l()),
  };
}

describe('several reader sources as one', () => {
  it('lists every source’s readers, keys prefixed by route so two routes never collide', async () => {
    const merged = mergeSources([source('webusb-ccid', ['A']), source('native', ['A', 'B'])]);
    expect((await merged.list()).map((c) => c.key)).toEqual(['webusb-ccid/A', 'native/A', 'native/B']);
  });

  it('keeps the readers of the sources that answer when one fails, and fails only when all do', async () => {
    expect((await mergeSources([source('native', new ReaderBusyError('no pcscd')), source('webusb-ccid', ['A'])]).list()).map((c) => c.key)).toEqual(['webusb-ccid/A']);
    await expect(mergeSources([source('native', new ReaderBusyError('x')), source('webusb-port100', new ReaderBusyError('y'))]).list()).rejects.toBeInstanceOf(ReaderBusyError);
  });

  it('passes on every source’s change event and unsubscribes from all', () => {
    const a = source('webusb-ccid', []);
    const b = source('native', []);
    let seen = 0;
    const off = mergeSources([a, b]).onChange(() => seen++);
    a.fire();
    b.fire();
    off();
    a.fire();
    expect(seen).toBe(2);
  });
});
