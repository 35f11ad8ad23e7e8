type Typed = Int32Array | Float64Array | Uint8Array;

const copies = new WeakMap<Typed, Typed>();

function copyInto<T extends Typed>(a: T, buffer: SharedArrayBuffer): T {
  if (a instanceof Float64Array) {
    const c = new Float64Array(buffer);
    c.set(a);
    return c as T;
  }
  if (a instanceof Int32Array) {
    const c = new Int32Array(buffer);
    c.set(a);
    return c as T;
  }
  const c = new Uint8Array(buffer);
  c.set(a);
  return c as T;
}

/**
 * `a` in shared memory, copied once per array: posted to another thread, a view of shared
 * memory goes as a reference, where a plain array is copied by every message. For arrays no one
 * writes after they are made (a compiled workspace's columns, a cached starting point). Where
 * the host has no shared memory, `a` itself.
 */
export function sharedCopy<T extends Typed>(a: T): T {
  if (typeof SharedArrayBuffer !== 'function' || a.buffer instanceof SharedArrayBuffer) return a;
  const made = copies.get(a);
  if (made) return made as T;
  const copy = copyInto(a, new SharedArrayBuffer(a.byteLength));
  copies.set(a, copy);
  return copy;
}
