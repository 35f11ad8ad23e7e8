import { TABLE_NAMES } from '../workspace/schema';
import { validateScenario } from '../scenario/validate';
import { readJsonFile } from './cli-read-json';
import { columns, int } from './cli-format';
import { EXIT_INVALID, EXIT_OK, type CliIo, type ExitCode } from './cli-io';
import { loadWorkspace } from './cli-load';
import { formatImportProblems, formatScenarioProblems } from './cli-problems';

export interface ValidateOptions {
  workspace: string;
  scenario: string | null;
  json: boolean;
  /** A `--map` mapping file, or null. */
  map?: string | null;
}

/**
 * `firebreak validate`: the full problem list of a workspace folder (and a scenario), or OK with
 * the row count of each table. The list goes to stdout: it is what was asked for.
 */
export async function validateCommand(o: ValidateOptions, io: CliIo): Promise<ExitCode> {
  const doc = o.scenario === null ? null : readJsonFile(o.scenario);
  if (doc && !doc.ok) {
    io.err(`firebreak: ${doc.error}\n`);
    return EXIT_INVALID;
  }
  const loaded = await loadWorkspace(o.workspace, o.map ?? null);
  if (!loaded.ok) {
    const e = loaded.error;
    if (e.kind !== 'workspace') {
      io.err(`firebreak: ${e.message}\n`);
      return EXIT_INVALID;
    }
    if (o.json) {
      io.out(JSON.stringify({ ok: false, problems: e.problems, total: e.total }, null, 2) + '\n');
      // The document keeps its shape; what the message adds (a subfolder holding the tables, say) goes to stderr.
      io.err(`firebreak: ${e.message}\n`);
    }
    else io.out(`${e.message}\n${formatImportProblems(e.problems, e.total)}`);
    return EXIT_INVALID;
  }
  const { ow } = loaded.value;
  const scenario = doc ? validateScenario(doc.value, ow.ids) : null;
  const counts = ow.info.counts;
  const warnings = ow.info.warnings;
  if (o.json) {
    const body = { ok: scenario === null || scenario.ok, counts, warnings, scenario_problems: scenario && !scenario.ok ? scenario.error : [] };
    io.out(JSON.stringify(body, null, 2) + '\n');
    return body.ok ? EXIT_OK : EXIT_INVALID;
  }
  if (scenario && !scenario.ok) {
    io.out(`The workspace is valid, the scenario ${o.scenario} is not:\n${formatScenarioProblems(scenario.error)}`);
    return EXIT_INVALID;
  }
  const rows = [['table', 'rows']];
  for (const t of TABLE_NAMES) if (counts[t] !== undefined) rows.push([t, int(counts[t] as number)]);
  io.out(`OK${scenario ? ` (and the scenario ${o.scenario})` : ''}\n${columns(rows, [false, true]).join('\n')}\n`);
  if (warnings.length) io.out(`Warnings:\n${formatImportProblems(warnings, warnings.length)}`);
  return EXIT_OK;
}
