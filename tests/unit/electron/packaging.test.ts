// electron-builder.yml, read and validated by electron-builder's own loader and schema (no packaging,
// which would need the Electron binary): the fuses, the asar, and that only the built app is shipped.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');

interface BuilderConfigModule {
  getConfig: (projectDir: string, configPath: string, fromOptions: null) => Promise<Record<string, unknown>>;
  validateConfiguration: (config: Record<string, unknown>, logger: unknown) => Promise<void>;
}

// app-builder-lib is electron-builder's own engine; resolve it (and its logger) from electron-builder.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
const fromLib = createRequire(fromBuilder.resolve('app-builder-lib/package.json'));
const { getConfig, validateConfiguration } = fromLib('./out/util/config/config.js') as BuilderConfigModule;
const { DebugLogger } = fromLib('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

let config: Record<string, unknown>;

beforeAll(async () => {
  config = await getConfig(root, join(root, 'electron-builder.yml'), null);
});

describe('electron-builder.yml', () => {
  it("passes electron-builder's schema", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('flips every fuse the security checklist asks for', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships the built app only, in an asar with the native modules unpacked', () => {
    // electron-builder normalises a list of patterns into one file set.
    expect(config.files).toEqual([{ filter: ['dist/**', '!dist/**/*.map', 'package.json'] }]);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual([
      '**/*.node',
      'node_modules/better-sqlite3-multiple-ciphers/**',
      'node_modules/keytar/**',
      'node_modules/@node-rs/**',
    ]);
    expect(config.publish).toBeNull();
  });

  it('names the app and its installers', () => {
    expect(config.appId).toBe('org.stillwater.app');
    expect(config.productName).toBe('Stillwater');
    expect(config.win).toMatchObject({ target: 'nsis' });
    expect(config.nsis).toMatchObject({ deleteAppDataOnUninstall: false });
    expect(config.mac).toMatchObject({
      target: 'dmg',
      hardenedRuntime: true,
      category: 'public.app-category.medical',
    });
    expect(config.linux).toMatchObject({ target: 'AppImage' });
  });

  it('starts the bundled ESM main', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      main: string;
      type: string;
    };
    expect(pkg.main).toBe('dist/electron/main.js');
    expect(pkg.type).toBe('module');
  });
});
