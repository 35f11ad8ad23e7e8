/** Compressed rows: items grouped by key, in item order within a key. */
export function csr(nKeys: number, nItems: number, keyOf: (i: number) => number): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(nKeys + 1);
  for (let i = 0; i < nItems; i++) {
    const k = keyOf(i) + 1;
    start[k] = (start[k] as number) + 1;
  }
  for (let k = 0; k < nKeys; k++) start[k + 1] = (start[k + 1] as number) + (start[k] as number);
  const fill = start.slice(0, nKeys);
  const items = new Int32Array(nItems);
  for (let i = 0; i < nItems; i++) {
    const k = keyOf(i);
    items[fill[k] as number] = i;
    fill[k] = (fill[k] as number) + 1;
  }
  return { start, items };
}
