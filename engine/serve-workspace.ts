import { openWorkspace } from './open-workspace';
import { PROTOCOL_VERSION, type CoreRequests, type EngineError, type InputFile, type WorkspaceRequests } from './protocol';
import { narrowFiles, readInt, readString } from './serve-args';
import { enqueue, page, type Handlers, type Reply, type ServeContext } from './serve-context';
import { err, ok, type Result } from './util/result';
import { ENGINE_VERSION } from './version';
import { detectFormat, splitName } from './workspace/formats';
import { importWorkspaceAsync, type ImportOptions } from './workspace/import';
import { narrowMapping, narrowTables } from './workspace/mapping';
import { prepareParquet } from './workspace/parquet-wasm';
import { PREVIEW_ROWS, previewFiles } from './workspace/preview';
import { TABLE_NAMES, type TableName } from './workspace/schema';

/** At most this often a `workspace.progress` event, ms (10 a second). */
const PROGRESS_MS = 100;

export function coreHandlers(): Handlers<keyof CoreRequests> {
  return {
    'engine.hello': async () => ok({ protocolVersion: PROTOCOL_VERSION, engineVersion: ENGINE_VERSION }),
  };
}

/** workspace.*: an import replaces the workspace whole or changes nothing. */
export function workspaceHandlers(ctx: ServeContext): Handlers<keyof WorkspaceRequests> {
  let running: string | null = null;
  let seq = 0;
  return {
    'workspace.preview': async (args) => {
      const req = importRequest(args, 'workspace.preview');
      if (!req.ok) return req;
      // An import follows a preview (the import dialog shows one first): for files large enough
      // to share, the CSV helper thread starts now and is ready by then. The import (done or
      // failed) lets it go.
      const parts = ctx.host.csvParts;
      const bytes = csvBytes(req.value.files);
      if (parts && bytes >= parts.minBytes) parts.warm(bytes);
      if (req.value.files.some(isParquet)) await prepareParquet();
      return ok(previewFiles(req.value.files, req.value.options, readInt(args.rows) ?? PREVIEW_ROWS));
    },

    'workspace.import': async (args) => {
      const req = importRequest(args, 'workspace.import');
      if (!req.ok) return req;
      // The request keeps no hold on the files: once read, their bytes (tens of MB) can go
      // while the model compiles.
      delete args.files;
      const importId = readString(args.importId) ?? `import-${++seq}`;
      return enqueue(ctx, () => runImport(ctx, importId, req.value.files, req.value.options, (id) => (running = id)));
    },

    'workspace.cancel': async (args) => {
      const id = readString(args.importId) ?? running;
      if (id === null) return ok({ cancelled: false });
      ctx.cancelled.add(cancelKey(id));
      return ok({ cancelled: true });
    },

    'workspace.info': async () => ok(ctx.workspace ? ctx.workspace.info : null),

    'workspace.page': async (args) => {
      const table = readString(args.table);
      if (!table || !(TABLE_NAMES as readonly string[]).includes(table)) return err({ kind: 'invalid-request', message: `unknown table ${String(args.table)}` });
      if (!ctx.workspace) return err({ kind: 'no-workspace', message: 'No workspace is loaded.' });
      const t = ctx.workspace.ws.tables[table as TableName];
      if (!t) return err({ kind: 'not-found', message: `The workspace has no ${table} table.` });
      return page(t, args);
    },
  };
}

/** Import ids share the cancel set with run ids: keep them apart. */
const cancelKey = (importId: string): string => `import:${importId}`;

function csvBytes(files: InputFile[]): number {
  let n = 0;
  for (const f of files) if (detectFormat(splitName(f.name), f.bytes) === 'csv') n += f.bytes.length;
  return n;
}

function isParquet(f: InputFile): boolean {
  return detectFormat(splitName(f.name), f.bytes) === 'parquet';
}

function importRequest(args: Record<string, unknown>, method: string): Result<{ files: InputFile[]; options: ImportOptions }, EngineError> {
  const files = narrowFiles(args.files);
  if (!files) return err({ kind: 'invalid-request', message: `${method} needs files: {name, bytes}[]` });
  const mapping = narrowMapping(args.mapping);
  if (!mapping.ok) return err({ kind: 'invalid-request', message: `${method}: ${mapping.error}` });
  const tables = narrowTables(args.tables);
  if (!tables.ok) return err({ kind: 'invalid-request', message: `${method}: ${tables.error}` });
  return ok({ files, options: { mapping: mapping.value, tables: tables.value } });
}

async function runImport(ctx: ServeContext, importId: string, files: InputFile[], options: ImportOptions, setRunning: (id: string | null) => void): Reply<'workspace.import'> {
  const key = cancelKey(importId);
  const cancelled = (): Result<never, EngineError> => {
    ctx.cancelled.delete(key);
    return err({ kind: 'cancelled', message: 'The import was cancelled. The workspace loaded before is unchanged.' });
  };
  if (ctx.cancelled.has(key)) return cancelled();
  setRunning(importId);
  try {
    if (files.some(isParquet)) await prepareParquet();
    const { host } = ctx;
    let last = -Infinity;
    const r = await importWorkspaceAsync(files, options, {
      now: () => host.now(),
      yieldToEvents: () => host.yieldToEvents(),
      cancelled: () => ctx.cancelled.has(key),
      ...(host.csvParts ? { parts: host.csvParts } : {}),
      progress: (p) => {
        const t = host.now();
        if (t - last < PROGRESS_MS && !p.helper) return;
        last = t;
        ctx.emit('workspace.progress', { importId, ...p });
      },
    });
    // A cancelled import is usually tried again: the helper stays for it.
    if (r !== 'cancelled') host.csvParts?.release();
    const bytes = files.reduce((n, f) => n + f.bytes.length, 0);
    files.length = 0;
    if (r === 'cancelled') return cancelled();
    if (!r.ok) {
      const { problems, total, errors } = r.error;
      return err({ kind: 'invalid-workspace', message: `The workspace was not imported: ${errors} error${errors === 1 ? '' : 's'}. Nothing loaded was changed.`, problems, total });
    }
    ctx.emit('workspace.progress', { importId, phase: 'open', step: 'compiling the model', bytesDone: bytes, bytesTotal: bytes, fraction: 1 });
    // Runs come next: the loss-graph helper starts and warms up on its own core while this one compiles.
    host.lossThreads?.warm();
    await host.yieldToEvents();
    if (ctx.cancelled.has(key)) return cancelled();
    const opened = await openWorkspace(r.value);
    if (ctx.cancelled.has(key)) return cancelled();
    ctx.workspace = opened;
    return ok(opened.info);
  } finally {
    setRunning(null);
  }
}
