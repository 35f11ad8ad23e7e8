import { asWorkerMessage, type EngineError, type Method, type Requests } from '../../engine/protocol';
import { answerFromWire, resultFromWire } from '../../engine/protocol-wire';
import { serve } from '../../engine/serve';
import type { ServeHost } from '../../engine/serve-context';
import type { Result } from '../../engine/util/result';

export type Reply<M extends Method> = Result<Requests[M]['result'], EngineError>;

/**
 * serve() in this process over an in-memory endpoint: the protocol exactly as a worker speaks it
 * (answers arrive asynchronously), without a worker. `raw` gives the response message itself.
 */
export function inProcessEngine(extra: Partial<ServeHost> = {}) {
  let deliver: (msg: unknown) => void = () => undefined;
  const pending = new Map<number, (msg: Record<string, unknown>) => void>();
  const transferred: ArrayBuffer[][] = [];
  const listeners: ((event: string, data: unknown) => void)[] = [];
  serve(
    {
      post: (msg, transfer) => {
        if (transfer) transferred.push(transfer);
        queueMicrotask(() => {
          const m = msg as Record<string, unknown>;
          if (m.type === 'res') pending.get(m.id as number)?.(m);
          if (m.type === 'evt') for (const l of listeners) l(m.event as string, m.data);
        });
      },
      onMessage: (cb) => void (deliver = cb),
    },
    { now: () => performance.now(), yieldToEvents: () => new Promise((r) => setTimeout(r, 0)), ...extra },
  );
  let id = 0;
  const raw = (method: string, args: Record<string, unknown>): Promise<Record<string, unknown>> => {
    id += 1;
    const mine = id;
    return new Promise((resolve) => {
      pending.set(mine, resolve);
      deliver({ type: 'req', id: mine, method, args });
    });
  };
  const request = async <M extends Method>(method: M, args: Requests[M]['args']): Promise<Reply<M>> => {
    const m = asWorkerMessage(await raw(method, args as Record<string, unknown>));
    if (m?.type !== 'res') throw new Error(`${method}: no response`);
    return answerFromWire(method, m.ok ? { ok: true, value: m.result } : { ok: false, error: m.error });
  };
  /** The response message as raw gives it, its result unpacked as a client would (engine/protocol-wire.ts). */
  const answered = async (method: string, args: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const m = await raw(method, args);
    if (m.ok !== true) return m;
    const r = resultFromWire(method as Method, m.result);
    return r.ok ? { ...m, result: r.value } : { ...m, ok: false, error: r.error };
  };
  /** Calls `cb` with every event the engine emits. */
  const onEvent = (cb: (event: string, data: unknown) => void): void => void listeners.push(cb);
  return { raw, answered, request, transferred, onEvent };
}
