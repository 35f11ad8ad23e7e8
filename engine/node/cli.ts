import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENGINE_VERSION } from '../version';
import { USAGE, commandUsage, parseArgs } from './cli-args';
import { analysisCommand } from './cli-analysis';
import { generateCommand } from './cli-generate';
import { mapCommand } from './cli-map';
import { templateCommand } from './cli-template';
import './parquet-wasm-node';
import './sha256-node';
import { packCommand } from './cli-project-pack';
import { runProjectCommand } from './cli-project-run';
import { unpackCommand } from './cli-project-unpack';
import { endQuietlyWhenOutputCloses, EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, processIo, type CliIo, type ExitCode } from './cli-io';
import { runCommand } from './cli-run';
import { validateCommand } from './cli-validate';
import { abortLiveWrites } from './out-folder';

/**
 * The `firebreak` command line. Exit codes: 0 done, 2 invalid input (messages on stderr),
 * 1 internal error, 3 a project run that differs from its saved results. A thrown error is a bug: it is reported in one line, never as a stack trace
 * (set FIREBREAK_DEBUG=1 to see it).
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<ExitCode> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    // The usage of the command given, when it is one; else every command's.
    const topic = parseArgs(['help', argv[0] ?? '']);
    const usage = topic.ok && topic.value.cmd === 'help' && topic.value.topic !== undefined ? commandUsage(topic.value.topic) : USAGE;
    io.err(`firebreak: ${parsed.error}\n\n${usage}\n`);
    return EXIT_INVALID;
  }
  const c = parsed.value;
  try {
    switch (c.cmd) {
      case 'help':
        io.out(`${c.topic === undefined ? USAGE : commandUsage(c.topic)}\n`);
        return EXIT_OK;
      case 'version':
        io.out(`firebreak ${ENGINE_VERSION}\n`);
        return EXIT_OK;
      case 'run':
        return await runCommand(c, io);
      case 'validate':
        return await validateCommand(c, io);
      case 'generate':
        return await generateCommand(c.dir, { positions: c.positions, seed: c.seed }, c.force, io);
      case 'map':
        return await mapCommand(c, io);
      case 'template':
        return await templateCommand(c.dir, c.force, io);
      case 'pack':
        return await packCommand(c, io);
      case 'unpack':
        return await unpackCommand(c, io);
      case 'run-project':
        return await runProjectCommand(c, io);
      case 'sweep':
      case 'reverse':
      case 'montecarlo':
      case 'debtrank':
        return await analysisCommand(c, io);
    }
  } catch (e) {
    io.err(`firebreak: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.FIREBREAK_DEBUG && e instanceof Error && e.stack) io.err(`${e.stack}\n`);
    return EXIT_INTERNAL;
  }
}

function isEntry(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/** The command as a process runs it (this bundle, or bin/firebreak.mjs): a closed reader ends it quietly. */
export async function runAsProcess(argv: string[]): Promise<void> {
  endQuietlyWhenOutputCloses();
  // Interrupted, a command takes back the files it was writing (no temporary files left behind) and ends as a shell expects.
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      abortLiveWrites();
      process.exit(code);
    });
  }
  process.exitCode = await main(argv).catch(() => EXIT_INTERNAL);
}

if (isEntry()) void runAsProcess(process.argv.slice(2));
