import { openWorkspace } from './open-workspace';
import { PROTOCOL_VERSION, type CoreRequests, type WorkspaceRequests } from './protocol';
import { narrowFiles, readString } from './serve-args';
import { page, type Handlers, type ServeContext } from './serve-context';
import { err, ok } from './util/result';
import { ENGINE_VERSION } from './version';
import { importWorkspace } from './workspace/import';
import { TABLE_NAMES, type TableName } from './workspace/schema';

export function coreHandlers(): Handlers<keyof CoreRequests> {
  return {
    'engine.hello': async () => ok({ protocolVersion: PROTOCOL_VERSION, engineVersion: ENGINE_VERSION }),
  };
}

/** workspace.*: an import replaces the workspace whole or changes nothing. */
export function workspaceHandlers(ctx: ServeContext): Handlers<keyof WorkspaceRequests> {
  return {
    'workspace.import': async (args) => {
      const files = narrowFiles(args.files);
      if (!files) return err({ kind: 'invalid-request', message: 'workspace.import needs files: {name, bytes}[]' });
      const imported = importWorkspace(files);
      if (!imported.ok) {
        const { problems, total, errors } = imported.error;
        return err({ kind: 'invalid-workspace', message: `The workspace was not imported: ${errors} error${errors === 1 ? '' : 's'}. Nothing loaded was changed.`, problems, total });
      }
      const opened = await openWorkspace(imported.value);
      ctx.workspace = opened;
      return ok(opened.info);
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
