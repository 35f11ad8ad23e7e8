import { unzipSync, zipSync, type Zippable } from 'fflate';
import { err, ok, type Result } from '../util/result';
import { ENTRY_NAME, LIMITS } from './format';
import { problem, type ProjectProblem } from './problems';

const LOCAL_HEADER = 0x04034b50;
const END_OF_DIRECTORY = 0x06054b50;
const EOCD_BYTES = 22;
const MAX_COMMENT = 0xffff;

/** Zips entries in the order given, deflated, all stamped with `modified` (the engine has no clock). */
export function zipEntries(entries: ReadonlyMap<string, Uint8Array>, modified: Date, level: 0 | 1 | 6): Uint8Array {
  const files: Zippable = {};
  for (const [name, bytes] of entries) files[name] = [bytes, { level, mtime: modified }];
  return zipSync(files, { level, mtime: modified });
}

const u32 = (b: Uint8Array, p: number): number => ((b[p] as number) | ((b[p + 1] as number) << 8) | ((b[p + 2] as number) << 16) | ((b[p + 3] as number) << 24)) >>> 0;
const u16 = (b: Uint8Array, p: number): number => (b[p] as number) | ((b[p + 1] as number) << 8);

/** Where the end-of-directory record is, or -1: it sits in the last 22 + 65,535 bytes. */
function findEndOfDirectory(b: Uint8Array): number {
  for (let e = b.length - EOCD_BYTES; e >= 0 && b.length - e <= EOCD_BYTES + MAX_COMMENT; e--) {
    if (u32(b, e) === END_OF_DIRECTORY) return e;
  }
  return -1;
}

/**
 * The entries of a project zip, checked before anything is inflated: the directory is where its
 * end record says, names are only those a project holds, none repeats, and declared sizes stay
 * within the limits (so a crafted size cannot make us allocate gigabytes). Hashes are checked later.
 */
export function unzipEntries(bytes: Uint8Array): Result<Map<string, Uint8Array>, ProjectProblem> {
  if (bytes.length < 4 || u32(bytes, 0) !== LOCAL_HEADER) return err(problem('not-a-project', 'This is not a Firebreak project file (it is not a zip archive).'));
  const e = findEndOfDirectory(bytes);
  if (e < 0) return err(problem('truncated', 'The project file is cut short: the end of its zip directory is missing.'));
  const count = u16(bytes, e + 10);
  const dirSize = u32(bytes, e + 12);
  const dirStart = u32(bytes, e + 16);
  if (dirStart + dirSize !== e) return err(problem('truncated', 'The project file is cut short or damaged: its zip directory is not where its end record says.'));
  if (count > LIMITS.entries) return err(problem('too-large', `The project holds ${count} entries; at most ${LIMITS.entries} are allowed.`));

  const seen = new Set<string>();
  const found: { bad: ProjectProblem | null; manifest: boolean; office: boolean } = { bad: null, manifest: false, office: false };
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter(info) {
        // Past a problem, the names are still looked at: a zip without a manifest is no project at all.
        if (info.name === 'manifest.json') found.manifest = true;
        if (info.name === '[Content_Types].xml') found.office = true;
        if (found.bad) return false;
        let bad: ProjectProblem | null = null;
        if (!ENTRY_NAME.test(info.name)) bad = problem('unexpected-entry', `The project holds an entry a project never has: "${printable(info.name)}".`, printable(info.name));
        else if (seen.has(info.name)) bad = problem('damaged', `The project holds "${info.name}" twice.`, info.name);
        else if (info.compression !== 0 && info.compression !== 8) bad = problem('damaged', `"${info.name}" is stored with an unknown compression method.`, info.name);
        else if (info.originalSize > LIMITS.entryBytes || (total += info.originalSize) > LIMITS.totalBytes) {
          bad = problem('too-large', `"${info.name}" would unpack to more than this version opens.`, info.name);
        }
        seen.add(info.name);
        found.bad = bad;
        return bad === null;
      },
    });
  } catch (e) {
    if (found.bad) return err(notAProject(found) ?? found.bad);
    const detail = e instanceof Error ? e.message : String(e);
    return err(problem(/EOF|end/i.test(detail) ? 'truncated' : 'damaged', `The project file is damaged or cut short: its zip data cannot be read (${detail}).`));
  }
  if (found.bad) return err(notAProject(found) ?? found.bad);
  return ok(new Map(Object.entries(files)));
}

/** A zip whose entries are not a project's and that has no manifest: some other zip, not a damaged project. */
function notAProject(found: { bad: ProjectProblem | null; manifest: boolean; office: boolean }): ProjectProblem | null {
  if (found.manifest || found.bad?.code !== 'unexpected-entry') return null;
  const what = found.office ? 'an Office document (an .xlsx workbook, say) renamed' : 'a zip archive of other files';
  return problem('not-a-project', `This is not a Firebreak project file: it is ${what}, with no project manifest (manifest.json).`);
}

function printable(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, '?').slice(0, LIMITS.nameLength);
}
