/**
 * What a status check costs, as the resident would notice it: reopening the popup with
 * the same card in the reader touches the card not at all, and a card the background
 * already knows (worker restarted, card reinserted) is read with fewer commands than a
 * card never seen. The figures themselves (counts, times, bundle sizes) are measured by
 * `npm run bench extension` (bench/extension.bench.ts), not here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusSnapshot } from '../../src/extension/status-model';
import { control, launchExtension, openPopup, type Extension } from './harness';
import { waitForPhase } from './popup-helpers';

let ext: Extension;

beforeAll(async () => {
  ext = await launchExtension();
  await waitForPhase(ext, 'ready');
});
afterAll(async () => {
  await ext?.close();
});

/** The APDUs the card received for one check: forced ('cold'/'warm') or a reopened popup's ('memory'). */
async function apdusOf(kind: 'cold' | 'warm' | 'memory'): Promise<{ apdus: number; cache: StatusSnapshot['cache'] }> {
  if (kind !== 'memory') await control(ext, 'forgetCard', kind === 'cold' ? 'all' : 'memory');
  await control(ext, 'apduLog');
  let snapshot: StatusSnapshot;
  if (kind === 'memory') {
    const page = await openPopup(ext);
    snapshot = await page.evaluate(async () => {
      await chrome.runtime.sendMessage({ type: 'status/refresh' });
      // The reply only says the read was stored: views take the snapshot from storage.
      return (await chrome.storage.session.get('status'))['status'] as StatusSnapshot;
    });
    await page.close();
  } else {
    snapshot = await control(ext, 'checkNow');
  }
  return { apdus: (await control(ext, 'apduLog')).length, cache: snapshot.cache };
}

describe('what a status check costs the card', () => {
  it('a popup reopened with the same card in the reader sends no APDU at all', async () => {
    await apdusOf('warm');
    expect(await apdusOf('memory')).toEqual({ apdus: 0, cache: 'memory' });
  });

  it('a card already known by its certificate serial is read with fewer APDUs than one never seen', async () => {
    const cold = await apdusOf('cold');
    const warm = await apdusOf('warm');
    expect(cold.cache).toBe('cold');
    expect(warm.cache).toBe('warm');
    expect(warm.apdus).toBeGreaterThan(0);
    expect(warm.apdus).toBeLessThan(cold.apdus);
  });
});
