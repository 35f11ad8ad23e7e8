import type { AutosaveEdits, AutosavePart, AutosaveRequest, HostResult, ProjectState } from './host-api';
import { MAX_SAVE_BYTES, isBaseName, isRecord, unknownKeys } from './validators';

// Arguments of the project calls, narrowed from `unknown`. Handles and ids are opaque tokens the
// host made; the renderer can name no path.

const HANDLE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const RECENT_ID = /^[0-9a-f]{16}$/;
/** Autosave ids: a session's (see main/autosave.ts), or `project`, the one slot of versions before sessions had their own. */
export const AUTOSAVE_ID = /^(?:project|s[0-9]{13}-[0-9]{1,10})$/;
const MAX_NAME = 255;

const invalid = (message: string): HostResult<never> => ({ ok: false, error: { kind: 'invalid-argument', message } });
const ok = <T>(value: T): HostResult<T> => ({ ok: true, value });

function shape(value: unknown, keys: readonly string[], what: string): HostResult<Record<string, unknown>> {
  if (!isRecord(value)) return invalid(`${what} must be an object.`);
  const extra = unknownKeys(value, keys);
  return extra.length > 0 ? invalid(`Unknown ${what} field: ${extra.join(', ')}.`) : ok(value);
}

function bytesOf(value: unknown): HostResult<Uint8Array> {
  if (!(value instanceof Uint8Array)) return invalid('bytes must be a Uint8Array.');
  if (value.byteLength > MAX_SAVE_BYTES) return { ok: false, error: { kind: 'too-large', message: 'The file is larger than 2 GiB.' } };
  return ok(value);
}

export const isHandle = (v: unknown): v is string => typeof v === 'string' && HANDLE.test(v);

const badSeq = (v: Record<string, unknown>): boolean => v.autosaveSeq !== undefined && !isCount(v.autosaveSeq);
/** `autosaveSeq` (HostApi.saveProject): how far this session's autosave the save holds; absent for a copy. */
const seqOf = (v: Record<string, unknown>): { autosaveSeq?: number } => (isCount(v.autosaveSeq) ? { autosaveSeq: v.autosaveSeq } : {});

export function parseSaveProject(value: unknown): HostResult<{ handle: string; bytes: Uint8Array; autosaveSeq?: number }> {
  const v = shape(value, ['handle', 'bytes', 'autosaveSeq'], 'save request');
  if (!v.ok) return v;
  if (badSeq(v.value)) return invalid('autosaveSeq must be a count.');
  if (!isHandle(v.value.handle)) return invalid('handle must be a file handle the host gave.');
  const bytes = bytesOf(v.value.bytes);
  return bytes.ok ? ok({ handle: v.value.handle, bytes: bytes.value, ...seqOf(v.value) }) : bytes;
}

/** A plain file name; `.firebreak` is added when missing. */
export function parseSaveProjectAs(value: unknown): HostResult<{ suggestedName: string; bytes: Uint8Array; autosaveSeq?: number }> {
  const v = shape(value, ['suggestedName', 'bytes', 'autosaveSeq'], 'save request');
  if (!v.ok) return v;
  if (badSeq(v.value)) return invalid('autosaveSeq must be a count.');
  const name = v.value.suggestedName;
  if (typeof name !== 'string' || !isBaseName(name) || name.length > MAX_NAME - 10) return invalid('suggestedName must be a plain file name without folders.');
  const bytes = bytesOf(v.value.bytes);
  if (!bytes.ok) return bytes;
  return ok({ suggestedName: /\.firebreak$/i.test(name) ? name : `${name}.firebreak`, bytes: bytes.value, ...seqOf(v.value) });
}

export function parseRecentId(value: unknown): HostResult<string> {
  return typeof value === 'string' && RECENT_ID.test(value) ? ok(value) : invalid('id must be a recent-file id the host gave.');
}

/** An autosave's id as the host offered it: a plain name, never a path. */
export function parseAutosaveId(value: unknown): HostResult<string> {
  return typeof value === 'string' && AUTOSAVE_ID.test(value) ? ok(value) : invalid('id must be the id of an autosave the host offered.');
}

export function parseProjectState(value: unknown): HostResult<ProjectState> {
  const v = shape(value, ['title', 'dirty', 'readOnly'], 'project state');
  if (!v.ok) return v;
  const { title, dirty, readOnly } = v.value;
  if (title !== null && (typeof title !== 'string' || title.length > MAX_NAME)) return invalid('title must be a short text or null.');
  if (typeof dirty !== 'boolean' || typeof readOnly !== 'boolean') return invalid('dirty and readOnly must be true or false.');
  return ok({ title, dirty, readOnly });
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
/** The edits are JSON the main process keeps as a file: a few MB at most in practice. */
const MAX_EDITS_CHARS = 64 * 1024 * 1024;

export function parseAutosave(value: unknown): HostResult<AutosaveRequest> {
  const v = shape(value, ['bytes', 'name', 'handle', 'encrypted', 'base', 'seq', 'clean'], 'autosave');
  if (!v.ok) return v;
  const { name, handle, encrypted, base, seq, clean } = v.value;
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME) return invalid('name must be a short text.');
  if (handle !== null && !isHandle(handle)) return invalid('handle must be a file handle the host gave, or null.');
  if (typeof encrypted !== 'boolean') return invalid('encrypted must be true or false.');
  if ((base !== undefined && !isCount(base)) || (seq !== undefined && !isCount(seq))) return invalid('base and seq must be counts.');
  if (clean !== undefined && typeof clean !== 'boolean') return invalid('clean must be true or false.');
  const bytes = bytesOf(v.value.bytes);
  if (!bytes.ok) return bytes;
  return ok({ bytes: bytes.value, name, handle, encrypted, ...(isCount(base) ? { base } : {}), ...(isCount(seq) ? { seq } : {}), ...(clean === true ? { clean } : {}) });
}

/** The whole part edits go over (AutosaveEdits.whole): a short name, a handle the host gave or null, a count. */
function parseAutosavePart(value: unknown): HostResult<AutosavePart> {
  const v = shape(value, ['name', 'handle', 'seq'], 'whole part');
  if (!v.ok) return v;
  const { name, handle, seq } = v.value;
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME) return invalid('whole.name must be a short text.');
  if (handle !== null && !isHandle(handle)) return invalid('whole.handle must be a file handle the host gave, or null.');
  return isCount(seq) ? ok({ name, handle, seq }) : invalid('whole.seq must be a count.');
}

/** The edits since this session's autosave: scenarios by name and the view, as JSON. */
export function parseAutosaveEdits(value: unknown): HostResult<AutosaveEdits> {
  const v = shape(value, ['base', 'seq', 'scenarios', 'viewState', 'whole'], 'autosave edits');
  if (!v.ok) return v;
  const { base, seq, scenarios, viewState } = v.value;
  if (!isCount(base) || !isCount(seq)) return invalid('base and seq must be counts.');
  const whole = v.value.whole === undefined ? null : parseAutosavePart(v.value.whole);
  if (whole !== null && !whole.ok) return whole;
  if (!Array.isArray(scenarios) || !scenarios.every((s) => isRecord(s) && typeof s.name === 'string' && unknownKeys(s, ['name', 'scenario']).length === 0)) {
    return invalid('scenarios must be a list of {name, scenario}.');
  }
  let json: string;
  try {
    json = JSON.stringify({ scenarios, viewState: viewState ?? null });
  } catch {
    return invalid('The edits must be JSON.');
  }
  if (json.length > MAX_EDITS_CHARS) return { ok: false, error: { kind: 'too-large', message: 'The edits are larger than 64 MiB.' } };
  const parsed = JSON.parse(json) as { scenarios: AutosaveEdits['scenarios']; viewState: unknown };
  return ok({ base, seq, scenarios: parsed.scenarios, viewState: parsed.viewState, ...(whole === null ? {} : { whole: whole.value }) });
}

export function parseUnsavedQuestion(value: unknown): HostResult<{ name: string }> {
  const v = shape(value, ['name'], 'question');
  if (!v.ok) return v;
  const { name } = v.value;
  return typeof name === 'string' && name.length > 0 && name.length <= MAX_NAME ? ok({ name }) : invalid('name must be a short text.');
}

export function parseCloseAnswer(value: unknown): HostResult<{ proceed: boolean }> {
  const v = shape(value, ['proceed'], 'answer');
  if (!v.ok) return v;
  return typeof v.value.proceed === 'boolean' ? ok({ proceed: v.value.proceed }) : invalid('proceed must be true or false.');
}
