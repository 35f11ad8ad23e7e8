/**
 * The web host's persistent storage: IndexedDB in the browser (the autosave and the recent
 * projects, bytes included), an in-memory stand-in where IndexedDB is missing (some private
 * windows) and in unit tests. Values are structured-cloned, so Uint8Arrays go in as they are.
 */
export type WebStoreName = 'autosave' | 'recent';

export interface WebStore {
  get(store: WebStoreName, key: string): Promise<unknown>;
  put(store: WebStoreName, key: string, value: unknown): Promise<void>;
  delete(store: WebStoreName, key: string): Promise<void>;
  /** Every value of a store, in key order. */
  all(store: WebStoreName): Promise<unknown[]>;
  /** Every key of a store, in order. */
  keys(store: WebStoreName): Promise<string[]>;
}

const STORES: readonly WebStoreName[] = ['autosave', 'recent'];
const VERSION = 1;

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

/** IndexedDB database `name` with one object store per WebStoreName (out-of-line keys). */
export function indexedDbStore(factory: IDBFactory, name = 'firebreak'): WebStore {
  let db: Promise<IDBDatabase> | null = null;
  const open = (): Promise<IDBDatabase> => {
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const r = factory.open(name, VERSION);
      r.onupgradeneeded = () => {
        for (const store of STORES) if (!r.result.objectStoreNames.contains(store)) r.result.createObjectStore(store);
      };
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('IndexedDB could not be opened'));
      r.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    }).catch((error: unknown) => {
      db = null;
      throw error;
    });
    return db;
  };
  const run = async <T>(store: WebStoreName, mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const tx = (await open()).transaction(store, mode);
    const result = request(work(tx.objectStore(store)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted (is the disk full?)'));
    });
    return result;
  };
  return {
    get: (store, key) => run(store, 'readonly', (s) => s.get(key)),
    put: async (store, key, value) => void (await run(store, 'readwrite', (s) => s.put(value, key))),
    delete: async (store, key) => void (await run(store, 'readwrite', (s) => s.delete(key))),
    all: (store) => run(store, 'readonly', (s) => s.getAll()),
    keys: async (store) => (await run(store, 'readonly', (s) => s.getAllKeys())).map(String),
  };
}

/** The same contract in memory: nothing survives a reload. */
export function memoryStore(): WebStore {
  const stores = new Map<WebStoreName, Map<string, unknown>>(STORES.map((s) => [s, new Map()]));
  const of = (store: WebStoreName): Map<string, unknown> => stores.get(store) as Map<string, unknown>;
  return {
    get: async (store, key) => of(store).get(key),
    put: async (store, key, value) => void of(store).set(key, structuredClone(value)),
    delete: async (store, key) => void of(store).delete(key),
    all: async (store) => [...of(store).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v),
    keys: async (store) => [...of(store).keys()].sort(),
  };
}
