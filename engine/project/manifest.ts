import { err, ok, type Result } from '../util/result';
import { ENTRY_NAME, LIMITS, PROJECT_FORMAT, PROJECT_FORMAT_VERSION, type OpenAs, type ProjectManifest } from './format';
import { problem, type ProjectProblem } from './problems';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const HEX64 = /^[0-9a-f]{64}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

const bad = (detail: string): Result<never, ProjectProblem> => err(problem('bad-manifest', `The project's manifest is damaged: ${detail}.`, 'manifest.json'));

/** True for the ISO 8601 UTC times a manifest carries (`2026-11-30T09:15:00.000Z`). */
export function isIsoTime(s: string): boolean {
  return ISO_TIME.test(s) && !Number.isNaN(Date.parse(s));
}

/**
 * Reads manifest.json. The format and its version are checked first, so a newer file is refused
 * by its version (named), before any field this version does not know could be misread.
 */
export function parseManifest(bytes: Uint8Array | undefined): Result<ProjectManifest, ProjectProblem> {
  if (bytes === undefined) return err(problem('missing-entry', 'The project has no manifest.json: it is not a Firebreak project or it was damaged.', 'manifest.json'));
  if (bytes.length > LIMITS.jsonBytes) return err(problem('too-large', 'The project manifest is too large.', 'manifest.json'));
  let v: unknown;
  try {
    v = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return bad('it is not valid JSON');
  }
  if (!isObj(v)) return bad('it is not a JSON object');
  if (v.format !== PROJECT_FORMAT) return err(problem('not-a-project', 'This zip is not a Firebreak project (its manifest names another format).', 'manifest.json'));
  const version = v.format_version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return bad('format_version is not a version number');
  const engine = typeof v.engine_version === 'string' ? v.engine_version.slice(0, 40) : 'unknown';
  if (version > PROJECT_FORMAT_VERSION) {
    return err(
      problem(
        'newer-format',
        `This project was saved in project format ${version} (by Firebreak engine ${engine}); this version reads format ${PROJECT_FORMAT_VERSION} and older. Update Firebreak to open it.`,
        'manifest.json',
      ),
    );
  }
  if (typeof v.engine_version !== 'string' || v.engine_version === '' || v.engine_version.length > 40) return bad('engine_version is missing');
  if (typeof v.created_at !== 'string' || !isIsoTime(v.created_at)) return bad('created_at is not an ISO 8601 UTC time');
  const openAs: OpenAs | null = v.open_as === 'editor' || v.open_as === 'viewer' ? v.open_as : null;
  if (openAs === null) return bad('open_as is neither "editor" nor "viewer"');

  const entries: ProjectManifest['entries'] = {};
  if (!isObj(v.entries)) return bad('entries is not an object');
  for (const [name, e] of Object.entries(v.entries)) {
    if (!ENTRY_NAME.test(name) || name === 'manifest.json') return bad(`it lists an entry a project never has ("${name.slice(0, LIMITS.nameLength)}")`);
    if (!isObj(e) || typeof e.sha256 !== 'string' || !HEX64.test(e.sha256)) return bad(`the hash of ${name} is not SHA-256 hex`);
    if (typeof e.bytes !== 'number' || !Number.isInteger(e.bytes) || e.bytes < 0 || e.bytes > LIMITS.entryBytes) return bad(`the size of ${name} is not a byte count`);
    entries[name] = { sha256: e.sha256, bytes: e.bytes };
  }

  if (!Array.isArray(v.scenarios) || v.scenarios.length > LIMITS.scenarios) return bad('scenarios is not a list');
  const scenarios: ProjectManifest['scenarios'] = [];
  for (const s of v.scenarios) {
    if (!isObj(s) || typeof s.name !== 'string' || s.name.length > LIMITS.nameLength || typeof s.entry !== 'string') return bad('a scenario has no name or entry');
    if (!s.entry.startsWith('scenarios/') || !(s.entry in entries)) return bad(`scenario "${s.name}" points at ${s.entry}, which it does not list`);
    scenarios.push({ name: s.name, entry: s.entry });
  }

  let results: ProjectManifest['results'] = null;
  if (v.results !== null) {
    if (!isObj(v.results) || typeof v.results.scenario !== 'string' || v.results.scenario.length > LIMITS.nameLength) return bad('results does not name its scenario');
    results = { scenario: v.results.scenario };
  }
  return ok({ format: PROJECT_FORMAT, format_version: version, engine_version: v.engine_version, created_at: v.created_at, open_as: openAs, scenarios, results, entries });
}
