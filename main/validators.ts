import type { FileFilter, HostResult, OpenFilesOptions, SaveFileRequest } from './host-api';

/** Bytes the renderer may ask main to write in one save: a project file, never more. */
export const MAX_SAVE_BYTES = 2 * 1024 ** 3;

const MAX_TITLE = 200;
const MAX_NAME = 255;
const MAX_FILTERS = 20;
const MAX_EXTENSIONS = 20;
const EXTENSION = /^(\*|[A-Za-z0-9]{1,16})$/;

const invalid = (message: string): HostResult<never> => ({ ok: false, error: { kind: 'invalid-argument', message } });

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

export function unknownKeys(value: Record<string, unknown>, allowed: readonly string[]): string[] {
  return Object.keys(value).filter((k) => !allowed.includes(k));
}

/** Calls that take no argument accept `undefined` or `{}` only. */
export function parseNoArgs(value: unknown): HostResult<null> {
  if (value === undefined) return { ok: true, value: null };
  if (isRecord(value) && Object.keys(value).length === 0) return { ok: true, value: null };
  return invalid('This call takes no arguments.');
}

export function parseFilters(value: unknown): HostResult<FileFilter[] | undefined> {
  if (value === undefined) return { ok: true, value: undefined };
  if (!Array.isArray(value) || value.length > MAX_FILTERS) return invalid(`filters must be a list of at most ${MAX_FILTERS}.`);
  const filters: FileFilter[] = [];
  for (const item of value) {
    if (!isRecord(item) || unknownKeys(item, ['name', 'extensions']).length > 0) return invalid('Each filter is {name, extensions}.');
    const { name, extensions } = item;
    if (typeof name !== 'string' || name.length === 0 || name.length > MAX_TITLE) return invalid('A filter name must be a short text.');
    if (!Array.isArray(extensions) || extensions.length === 0 || extensions.length > MAX_EXTENSIONS) {
      return invalid('A filter needs 1 to 20 extensions.');
    }
    const exts: string[] = [];
    for (const ext of extensions) {
      if (typeof ext !== 'string' || !EXTENSION.test(ext)) return invalid(`Extension ${JSON.stringify(ext)} is not allowed.`);
      exts.push(ext);
    }
    filters.push({ name, extensions: exts });
  }
  return { ok: true, value: filters };
}

export function parseOpenFilesOptions(value: unknown): HostResult<OpenFilesOptions> {
  if (value === undefined) return { ok: true, value: {} };
  if (!isRecord(value)) return invalid('Open options must be an object.');
  const extra = unknownKeys(value, ['title', 'filters', 'multiple']);
  if (extra.length > 0) return invalid(`Unknown open option: ${extra.join(', ')}.`);
  const { title, multiple } = value;
  if (title !== undefined && (typeof title !== 'string' || title.length > MAX_TITLE)) return invalid('title must be a short text.');
  if (multiple !== undefined && typeof multiple !== 'boolean') return invalid('multiple must be true or false.');
  const filters = parseFilters(value.filters);
  if (!filters.ok) return filters;
  const options: OpenFilesOptions = {};
  if (title !== undefined) options.title = title;
  if (multiple !== undefined) options.multiple = multiple;
  if (filters.value !== undefined) options.filters = filters.value;
  return { ok: true, value: options };
}

/** A plain file name: no directory part, no NUL, not `.` or `..`. */
export function isBaseName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= MAX_NAME &&
    name !== '.' &&
    name !== '..' &&
    !/[/\\\0]/.test(name) &&
    // Windows drive-relative names such as `C:evil`.
    !/^[A-Za-z]:/.test(name)
  );
}

export function parseSaveFileRequest(value: unknown): HostResult<SaveFileRequest> {
  if (!isRecord(value)) return invalid('Save request must be an object.');
  const extra = unknownKeys(value, ['suggestedName', 'bytes', 'filters']);
  if (extra.length > 0) return invalid(`Unknown save option: ${extra.join(', ')}.`);
  const { suggestedName, bytes } = value;
  if (typeof suggestedName !== 'string' || !isBaseName(suggestedName)) {
    return invalid('suggestedName must be a plain file name without folders.');
  }
  if (!(bytes instanceof Uint8Array)) return invalid('bytes must be a Uint8Array.');
  if (bytes.byteLength > MAX_SAVE_BYTES) return { ok: false, error: { kind: 'too-large', message: 'The file is larger than 2 GiB.' } };
  const filters = parseFilters(value.filters);
  if (!filters.ok) return filters;
  const request: SaveFileRequest = { suggestedName, bytes };
  if (filters.value !== undefined) request.filters = filters.value;
  return { ok: true, value: request };
}
