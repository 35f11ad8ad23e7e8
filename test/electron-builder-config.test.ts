import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
// ajv and js-yaml are taken from electron-builder's own dependencies, so the check uses what it uses.
const fromBuilder = createRequire(createRequire(join(root, 'package.json')).resolve('app-builder-lib/package.json'));

interface Validator {
  (data: unknown): boolean;
  errors?: { instancePath: string; message?: string; params?: unknown }[] | null;
}
type AjvConstructor = new (options: Record<string, unknown>) => { compile(schema: unknown): Validator };

const yaml = fromBuilder('js-yaml') as { load(text: string): unknown };
const ajvModule = fromBuilder('ajv') as { default: AjvConstructor };
const schema: unknown = JSON.parse(readFileSync(fromBuilder.resolve('app-builder-lib/scheme.json'), 'utf8'));
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;

// electron-builder compiles its scheme with these options (minus coerceTypes: we want the exact types).
const validate = new ajvModule.default({ allErrors: true, strict: false }).compile(schema);

const UPDATE_KEYS = ['publish', 'detectUpdateChannel', 'generateUpdatesFilesForAllChannels', 'electronUpdaterCompatibility', 'releaseInfo'];

function keysDeep(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => [`${prefix}${key}`, ...keysDeep(child, `${prefix}${key}.`)]);
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own JSON schema", () => {
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is checked by a live validator (an unknown key fails)', () => {
    expect(validate({ ...config, autoUpdate: true })).toBe(false);
    expect(validate({ ...config, nsis: { oneClick: 'no' } })).toBe(false);
  });

  it('has no publish section and no auto-update key anywhere', () => {
    const keys = keysDeep(config).map((k) => k.split('.').pop());
    for (const key of UPDATE_KEYS) expect(keys, key).not.toContain(key);
    expect(keysDeep(pkg.build)).toEqual([]);
    // With a repository field electron-builder would guess a GitHub publish target.
    expect(pkg.repository).toBeUndefined();
  });

  it('ships only the built app, packed in an asar, without rebuilding native modules', () => {
    expect(config).toMatchObject({ appId: expect.any(String), productName: 'Firebreak', asar: true, npmRebuild: false });
    expect(config.files).toEqual(expect.arrayContaining(['dist/main/**', 'dist/renderer/**', '!node_modules']));
    expect(String(pkg.main)).toBe('dist/main/index.cjs');
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true });
  });

  it('targets AppImage and deb, an offline NSIS installer offering per-machine installs, and a dmg', () => {
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'] });
    // `nsis` is the offline installer; `nsis-web` would download the app at install time.
    expect(config.win).toMatchObject({ target: ['nsis'] });
    // Assisted (not one-click) and not forced per-user: the installer asks, and may elevate for all users.
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true });
    expect(config.mac).toMatchObject({ target: ['dmg'] });
  });

  it('writes nothing that only auto-update uses (blockmaps, update info)', () => {
    expect(config.nsis).toMatchObject({ differentialPackage: false });
    expect(config.dmg).toMatchObject({ writeUpdateInfo: false });
  });

  it('opens .firebreak files: the extension, its MIME type and the editor role', () => {
    expect(config.fileAssociations).toEqual([{ ext: 'firebreak', name: 'Firebreak project', description: expect.any(String), mimeType: 'application/x-firebreak', role: 'Editor', isPackage: false }]);
  });

  it('points at a 512×512 PNG icon that exists', () => {
    for (const platform of ['linux', 'win', 'mac']) {
      const icon = (config[platform] as { icon?: string }).icon;
      expect(icon, platform).toBe('assets/icons/icon.png');
    }
    const png = readFileSync(join(root, 'assets', 'icons', 'icon.png'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    expect(existsSync(join(root, 'assets', 'icons', 'README.md'))).toBe(true);
  });
});
