import { describe, expect, it } from 'vitest';
import { buildDictionary, cachedDictionary } from '../../../search/dictionary';
import type { QueryDictionary } from '../../../search/query';

const dict = (...groups: string[][]) => buildDictionary({ synonymGroups: groups });

/** A loader whose answers the test releases one by one, to order concurrent loads. */
function controlledLoader() {
  const waiting: Array<(d: QueryDictionary) => void> = [];
  let calls = 0;
  const load = () => {
    calls++;
    return new Promise<QueryDictionary>((resolve) => waiting.push(resolve));
  };
  return { load, waiting, calls: () => calls };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('cachedDictionary', () => {
  it('serves the cached dictionary within the cache time', async () => {
    let n = 0;
    const get = cachedDictionary(async () => dict([`a${++n}`, 'b']), 60_000);
    const first = await get();
    expect(await get()).toBe(first);
    expect(n).toBe(1);
  });

  it('reload() loads again at once, and the next searches use the new dictionary', async () => {
    let groups: string[][] = [['DX', 'デジタル化']];
    const get = cachedDictionary(async () => dict(...groups), 60_000);
    expect((await get()).synonyms.has('農泊')).toBe(false);
    groups = [...groups, ['農泊', '農家民宿']];
    await get.reload();
    expect((await get()).synonyms.get('農泊')).toEqual(['農家民宿']);
  });

  it('a load that started before the change never replaces the dictionary reload() read', async () => {
    const l = controlledLoader();
    const get = cachedDictionary(l.load, 60_000);
    const stale = get(); // a search started before the operator saved
    const fresh = get.reload();
    expect(l.calls()).toBe(2);
    l.waiting[1](dict(['農泊', '農家民宿'])); // the reload finishes first …
    await fresh;
    l.waiting[0](dict(['DX', 'デジタル化'])); // … then the older load
    await stale;
    await tick();
    const now = await get();
    expect(now.synonyms.has('農泊')).toBe(true);
    expect(now.synonyms.has('dx')).toBe(false);
    expect(l.calls()).toBe(2);
  });

  it('a search that waits for a load in flight gets the reloaded dictionary once reload() has begun', async () => {
    const l = controlledLoader();
    const get = cachedDictionary(l.load, 60_000);
    void get();
    void get.reload();
    const later = get(); // after the reload began: joins the reload, not the older load
    l.waiting[1](dict(['農泊', '農家民宿']));
    expect((await later).synonyms.has('農泊')).toBe(true);
    l.waiting[0](dict(['DX', 'デジタル化']));
  });
});
