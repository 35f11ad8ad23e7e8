import { asRequest, type EngineError, type Endpoint, type EventMessage, type Method, type Requests, type ResponseMessage } from './protocol';
import { resultToWire } from './protocol-wire';
import { analysisHandlers } from './serve-analysis';
import { isObject } from './serve-args';
import type { Handlers, ServeContext, ServeHost } from './serve-context';
import { projectHandlers } from './serve-project';
import { simHandlers } from './serve-sim';
import { viewHandlers } from './serve-view';
import { coreHandlers, workspaceHandlers } from './serve-workspace';
import { err, type Result } from './util/result';
import { idleTracker } from './serve-idle';
import { warmUp } from './warm-up';

export type { ServeHost } from './serve-context';

/**
 * Serves the protocol over an endpoint. The engine owns the data: the workspace and the last
 * runs live here; the other side asks for summaries and pages. Every method of `Requests` has a
 * handler (a missing one is a compile error). Throwing inside a handler is a bug and is answered
 * as an internal error.
 */
export function serve(endpoint: Endpoint, host: ServeHost): void {
  const ctx: ServeContext = {
    host,
    emit: (event, data) => {
      const msg: EventMessage<typeof event> = { type: 'evt', event, data };
      endpoint.post(msg);
    },
    workspace: null,
    runs: new Map(),
    cancelled: new Set(),
    queue: Promise.resolve(),
  };
  const handlers = {
    ...coreHandlers(),
    ...workspaceHandlers(ctx),
    ...simHandlers(ctx),
    ...projectHandlers(ctx),
    ...analysisHandlers(ctx),
    ...viewHandlers(ctx),
  } satisfies Handlers<keyof Requests>;
  const methods: ReadonlySet<string> = new Set(Object.keys(handlers));
  const idle = idleTracker(host);

  endpoint.onMessage((raw) => {
    const req = asRequest(raw, methods);
    if (!req) return;
    idle.begin();
    const handler = handlers[req.method as Method] as (args: Record<string, unknown>) => Promise<Result<unknown, EngineError>>;
    const args = isObject(req.args) ? req.args : {};
    handler(args)
      .catch((e: unknown): Result<unknown, EngineError> => err({ kind: 'internal', message: `Internal error in ${req.method}: ${e instanceof Error ? e.message : String(e)}` }))
      .then((res) => {
        const msg = (res.ok ? { type: 'res', id: req.id, ok: true, result: resultToWire(req.method as Method, res.value) } : { type: 'res', id: req.id, ok: false, error: res.error }) as ResponseMessage;
        // Copied, never transferred. V8 compiles typed-array access on the assumption that no
        // ArrayBuffer was ever detached in the isolate and gives it up for good at the first
        // transfer: every later run was ~15% slower (1M benchmark, runs 3–5 of a process: 610 ms
        // on average, 707 ms after detaching one 16-byte buffer). A copy costs far less.
        endpoint.post(msg);
      })
      .finally(idle.end);
  });
  if (host.warmUp) {
    void warmUp(idle.pause, () => host.now())
      .then(({ steps, ms }) => {
        ctx.emit('engine.warm', { steps, ms });
        // The loss-graph helper warms up on its own thread, once this one is done.
        host.lossThreads?.warm();
      })
      .catch((e: unknown) => ctx.emit('engine.warm', { steps: 0, ms: 0, error: e instanceof Error ? e.message : String(e) }));
  }
}
