import { performance } from 'node:perf_hooks';
import { openWorkspace } from '../open-workspace';
import type { ProjectContents } from '../project/project';
import { firstDifference, firstTableDifference } from '../results/same-summary';
import { resultTables, type ResultTables } from '../results/tables';
import { summarize } from '../results/summary';
import { validateScenario } from '../scenario/validate';
import { compilePlan } from '../sim/plan';
import { Simulation } from '../sim/simulation';
import { canonicalJson } from '../util/hash';
import { ENGINE_VERSION } from '../version';
import { counted } from './cli-format';
import { EXIT_DIFFERS, EXIT_INVALID, EXIT_OK, type CliIo, type ExitCode } from './cli-io';
import { checkResultsOut, writeResults } from './cli-out';
import type { ProjectCommand } from './cli-project-args';
import { loadProject } from './cli-project-io';
import { processPassphraseSource, type PassphraseSource } from './cli-project-passphrase';
import { formatInputError, formatWarningLines } from './cli-problems';
import { formatReport } from './cli-report';
import { nodeNames, startPrices, type RunJson } from './cli-run';

type RunProjectOptions = Extract<ProjectCommand, { cmd: 'run-project' }>;

/** The scenario to run: the one named, else the one the saved results came from, else the first. */
export function pickScenario(p: ProjectContents, name: string | null): { name: string; doc: unknown } | string {
  const saved = p.results === null ? null : { name: p.manifest.results?.scenario ?? 'saved results', doc: p.results.scenario };
  const all = [...(saved ? [saved] : []), ...p.scenarios.map((s) => ({ name: s.name, doc: s.scenario }))];
  if (name === null) return all[0] ?? 'the project holds no scenario; add one with firebreak pack';
  const same = p.scenarios.filter((s) => s.name === name);
  if (same.length > 1) return `"${name}" names ${same.length} scenarios of the project; give each its own name in the app (Scenario tab) and save the project again`;
  // The project's own scenario of that name first: the saved results name theirs only as the
  // document does, which two scenarios may share (the project tells them apart by " (2)").
  const own = same[0];
  if (own) return { name, doc: own.scenario };
  const exact = all.find((s) => s.name === name);
  if (exact) return exact;
  // A scenario may also be named as its file was (flash-crash for "Flash crash: ETH -30%, …"):
  // the start of its name in lower case with dashes, when only one scenario's name starts so.
  const names = [...new Set(all.map((s) => s.name))];
  const key = slug(name);
  const starts = key === '' ? [] : names.filter((n) => slug(n).startsWith(key));
  if (starts.length === 1) return all.find((s) => s.name === starts[0]) as { name: string; doc: unknown };
  const listed = (starts.length > 1 ? starts : names).map((n) => `"${n}"`).join(', ') || 'none';
  return starts.length > 1 ? `"${name}" names more than one scenario of the project: ${listed}` : `the project has no scenario "${name}"; it has: ${listed}`;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/\.json$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** `firebreak run <file.firebreak>`: re-runs a scenario of a project and says whether it reproduces the saved results. */
export async function runProjectCommand(o: RunProjectOptions, io: CliIo, source: PassphraseSource = processPassphraseSource()): Promise<ExitCode> {
  const fail = (message: string): ExitCode => (io.err(`firebreak: ${message}\n`), EXIT_INVALID);
  if (o.out !== null) {
    const can = await checkResultsOut(o.out, o.force, [{ path: o.project, what: 'the project' }]);
    if (!can.ok) return fail(can.error);
  }
  const t0 = performance.now();
  const loaded = await loadProject(o.project, source);
  if (!loaded.ok) return fail(loaded.error);
  const p = loaded.value;
  const ow = await openWorkspace(p.workspace);
  const importMs = performance.now() - t0;
  const pick = pickScenario(p, o.scenario);
  if (typeof pick === 'string') return fail(pick);
  const v = validateScenario(pick.doc, ow.ids);
  if (!v.ok) {
    io.err(formatInputError({ kind: 'scenario', message: `the scenario "${pick.name}" of ${o.project} is not valid for its workspace`, problems: v.error }));
    return EXIT_INVALID;
  }
  const t1 = performance.now();
  const sim = new Simulation(ow.cw, compilePlan(v.value, ow.cw.model));
  sim.runToEnd();
  const runMs = performance.now() - t1;
  if (sim.stoppedBecause !== null) return fail(sim.stoppedBecause);
  const summary = summarize(sim);
  const json: RunJson = { ...summary, timings: { import_ms: Math.round(importMs * 100) / 100, run_ms: Math.round(runMs * 100) / 100 } };
  const text = `${JSON.stringify(json, null, 2)}\n`;
  let tables: ResultTables | null = null;
  if (o.out !== null) {
    tables = resultTables(sim);
    const written = writeResults(o.out, tables, text);
    if (!written.ok) return fail(written.error);
    if (!o.json) io.err(`firebreak: wrote ${counted(written.value.length, 'file')} to ${o.out}\n`);
  }
  if (o.json) {
    io.out(text);
    if (ow.info.warnings.length > 0) io.err(formatWarningLines(ow.info.warnings));
  } else {
    io.out(
      formatReport({
        summary,
        scenario: v.value,
        workspace: o.project,
        counts: ow.info.counts as Record<string, number>,
        startPrices: startPrices(ow.ws),
        names: nodeNames(ow.ws),
        importMs,
        runMs,
        engineVersion: ENGINE_VERSION,
        importWarnings: ow.info.warnings,
      }),
    );
  }
  if (p.results && canonicalJson(p.results.scenario) === canonicalJson(v.value)) {
    const saved = `(engine ${p.results.stamp.engine_version}, saved ${p.manifest.created_at})`;
    const now = tables ?? resultTables(sim);
    const differs = firstDifference(p.results.summary, summary) ?? firstTableDifference(p.results.tables, now);
    if (differs !== null) {
      io.err(`firebreak: the run DIFFERS from the results saved in the project ${saved}; this is engine ${ENGINE_VERSION}. First difference: ${differs}\n`);
      return EXIT_DIFFERS;
    }
    const what = `its summary and its ${Object.keys(now).length} result tables`;
    if (canonicalJson(p.results.summary) === canonicalJson(summary) && firstTableDifference(p.results.tables, now, true) === null) {
      io.err(`firebreak: the run reproduces the results saved in the project ${saved}: ${what}, exactly.\n`);
    } else {
      io.err(`firebreak: the run reproduces the results saved in the project ${saved} to rounding (${what}): the same liquidations, defaults and paths, numbers within 1e-9 of themselves (amounts within 1e-6 near zero); this is engine ${ENGINE_VERSION}.\n`);
    }
  }
  return EXIT_OK;
}
