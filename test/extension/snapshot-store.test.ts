import { describe, expect, it } from 'vitest';
import { SnapshotStore } from '../../src/extension/background/status/index';
import { STATUS_STORAGE_KEY, type StatusSnapshot } from '../../src/extension/status-model';

describe('the stored status', () => {
  it('ends on the last state published even when painting an earlier step is slow, so the badge never sticks on "reading"', async () => {
    const stored: StatusSnapshot[] = [];
    const painted: string[] = [];
    const area = {
      get: async () => ({}),
      set: async (items: Record<string, unknown>) => void stored.push(items[STATUS_STORAGE_KEY] as StatusSnapshot),
    };
    const store = new SnapshotStore(area, false, async (s) => {
      if (s.phase === 'reading') await new Promise((r) => setTimeout(r, 30));
      painted.push(s.phase);
    });
    void store.publish({ phase: 'reading', step: 'pins', findings: [] });
    await store.publish({ phase: 'ready', findings: [] });
    expect(stored.map((s) => s.phase)).toEqual(['reading', 'ready']);
    expect(painted).toEqual(['reading', 'ready']);
    expect((await store.current())?.phase).toBe('ready');
  });

  it('survives a failed write: the next publish still lands', async () => {
    let fail = true;
    const area = {
      get: async () => ({}),
      set: async () => {
        if (fail) {
          fail = false;
          throw new Error('quota');
        }
      },
    };
    const store = new SnapshotStore(area, true, () => undefined);
    await expect(store.publish({ phase: 'no-card', findings: [] })).rejects.toThrow('quota');
    expect((await store.publish({ phase: 'ready', findings: [] })).virtual).toBe(true);
  });
});
