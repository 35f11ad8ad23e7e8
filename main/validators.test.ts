import { describe, expect, it } from 'vitest';
import { isBaseName, parseNoArgs, parseOpenFilesOptions, parseSaveFileRequest } from './validators';

const bytes = new Uint8Array([1, 2, 3]);

describe('parseOpenFilesOptions', () => {
  it('accepts nothing, and well-formed options', () => {
    expect(parseOpenFilesOptions(undefined)).toEqual({ ok: true, value: {} });
    const options = { title: 'Open workspace', multiple: true, filters: [{ name: 'Tables', extensions: ['csv', 'arrow'] }] };
    expect(parseOpenFilesOptions(options)).toEqual({ ok: true, value: options });
  });

  it.each([
    ['a string', 'open'],
    ['a number', 42],
    ['null', null],
    ['an array', []],
    ['an unknown key', { path: '/etc/passwd' }],
    ['a non-string title', { title: 5 }],
    ['a huge title', { title: 'x'.repeat(10_000) }],
    ['a non-boolean multiple', { multiple: 'yes' }],
    ['filters not a list', { filters: 'csv' }],
    ['a filter without extensions', { filters: [{ name: 'x', extensions: [] }] }],
    ['an extension with a dot', { filters: [{ name: 'x', extensions: ['.csv'] }] }],
    ['an extension with a path', { filters: [{ name: 'x', extensions: ['../csv'] }] }],
    ['a filter with extra keys', { filters: [{ name: 'x', extensions: ['csv'], evil: true }] }],
    ['too many filters', { filters: Array.from({ length: 50 }, () => ({ name: 'x', extensions: ['csv'] })) }],
    ['a typed array', new Uint8Array(4)],
  ])('rejects %s', (_label, value) => {
    const result = parseOpenFilesOptions(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('invalid-argument');
  });
});

describe('parseSaveFileRequest', () => {
  it('accepts a plain name and bytes', () => {
    expect(parseSaveFileRequest({ suggestedName: 'stress.firebreak', bytes })).toEqual({
      ok: true,
      value: { suggestedName: 'stress.firebreak', bytes },
    });
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'x'],
    ['no bytes', { suggestedName: 'a.firebreak' }],
    ['bytes as a plain array', { suggestedName: 'a.firebreak', bytes: [1, 2, 3] }],
    ['bytes as an ArrayBuffer', { suggestedName: 'a.firebreak', bytes: new ArrayBuffer(3) }],
    ['bytes as a string', { suggestedName: 'a.firebreak', bytes: 'AAEC' }],
    ['a path instead of a name', { suggestedName: '../../.bashrc', bytes }],
    ['an absolute path', { suggestedName: '/etc/cron.d/x', bytes }],
    ['a Windows path', { suggestedName: 'C:\\Windows\\x.dll', bytes }],
    ['a drive-relative name', { suggestedName: 'C:evil', bytes }],
    ['a NUL byte', { suggestedName: 'a\0.firebreak', bytes }],
    ['an empty name', { suggestedName: '', bytes }],
    ['an extra key', { suggestedName: 'a.firebreak', bytes, path: '/tmp/a' }],
  ])('rejects %s', (_label, value) => {
    const result = parseSaveFileRequest(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('invalid-argument');
  });

  it('names a too-large payload', () => {
    const huge = { byteLength: 3 * 1024 ** 3 };
    Object.setPrototypeOf(huge, Uint8Array.prototype);
    const result = parseSaveFileRequest({ suggestedName: 'a.firebreak', bytes: huge });
    expect(result).toMatchObject({ ok: false, error: { kind: 'too-large' } });
  });
});

describe('parseNoArgs and isBaseName', () => {
  it('accepts only undefined or an empty object', () => {
    expect(parseNoArgs(undefined).ok).toBe(true);
    expect(parseNoArgs({}).ok).toBe(true);
    expect(parseNoArgs({ a: 1 }).ok).toBe(false);
    expect(parseNoArgs('x').ok).toBe(false);
    expect(parseNoArgs(null).ok).toBe(false);
  });

  it('knows a base name', () => {
    expect(isBaseName('run 1.firebreak')).toBe(true);
    expect(isBaseName('..')).toBe(false);
    expect(isBaseName('a/b')).toBe(false);
    expect(isBaseName('a\\b')).toBe(false);
  });
});
