import { columns, counted, int } from './cli-format';
import { EXIT_INVALID, EXIT_OK, type CliIo, type ExitCode } from './cli-io';
import { checkGenerateTarget, generateWorkspace, type GenerateOptions } from './generate';

/** `firebreak generate`: a seeded synthetic workspace and its benchmark scenario. */
export async function generateCommand(dir: string, opts: GenerateOptions, force: boolean, io: CliIo): Promise<ExitCode> {
  const can = await checkGenerateTarget(dir, force);
  const r = can.ok ? generateWorkspace(dir, opts) : can;
  if (!r.ok) {
    io.err(`firebreak: ${r.error}\n`);
    return EXIT_INVALID;
  }
  const g = r.value;
  const rows = [['file', 'rows', 'bytes'], ...g.files.map((f) => [f.name, f.rows ? int(f.rows) : '—', int(f.bytes)])];
  io.out(
    `Generated ${dir} (seed ${opts.seed}): ${counted(g.positions, 'position')}, ${counted(g.perps, 'perp')}, ${counted(g.nodes, 'node')}, ${counted(g.obligations, 'obligation')}, ${counted(g.holdings, 'holding')}\n` +
      `${columns(rows, [false, true, true]).join('\n')}\n` +
      `Run it: firebreak run ${dir} --scenario ${dir}/scenario.json\n`,
  );
  return EXIT_OK;
}
