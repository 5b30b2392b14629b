/**
 * A few seconds of memory for data every page shows and that rarely changes (the organisation, its
 * units). Entries belong to a database handle, so two apps in one process never mix their data;
 * `forget` drops a key everywhere in this process, and other processes see a change within the TTL.
 */
interface Entry {
  at: number;
  generation: number;
  value: Promise<unknown>;
}

const stores = new WeakMap<object, Map<string, Entry>>();
const generations = new Map<string, number>();

export function memo<T>(owner: object, key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
  let store = stores.get(owner);
  if (!store) {
    store = new Map();
    stores.set(owner, store);
  }
  const generation = generations.get(key) ?? 0;
  const hit = store.get(key);
  if (hit && hit.generation === generation && Date.now() - hit.at < ttlMs) return hit.value as Promise<T>;
  const value = load();
  store.set(key, { at: Date.now(), generation, value });
  // A failed load is not remembered.
  value.catch(() => store.delete(key));
  return value;
}

export function forget(key: string): void {
  generations.set(key, (generations.get(key) ?? 0) + 1);
}
