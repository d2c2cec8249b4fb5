import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppPackageError, MANIFEST_DIR, buildAppPackage, bundledSchemaUrl, checkManifest, fillPlaceholders, placeholderValues } from '../../manifest/appPackage.js';
import { iconProblems } from '../../manifest/icons.js';
import type { AppPackageSettings } from '../../src/config.js';

const settings: AppPackageSettings = {
  teamsAppId: '11111111-1111-4111-8111-111111111111',
  botId: '22222222-2222-4222-8222-222222222222',
  graphClientId: '33333333-3333-4333-8333-333333333333',
  botDomain: 'corebot.example.org',
};

const committedJson = async (): Promise<unknown> => JSON.parse(await readFile(join(MANIFEST_DIR, 'manifest.json'), 'utf8'));
const filledManifest = async () => fillPlaceholders(await committedJson(), placeholderValues(settings));

/** The fields the package fills, read back from a zip's manifest.json. */
const filledFields = z.object({
  id: z.string(),
  bots: z.array(z.object({ botId: z.string() })),
  webApplicationInfo: z.object({ id: z.string() }).strict(),
  validDomains: z.array(z.string()),
});

let tempDirs: string[] = [];
const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'app-package-'));
  tempDirs.push(dir);
  return dir;
};

// Validation must never reach the network: any fetch fails the test.
const fetchSpy = vi.fn(() => Promise.reject(new Error('the network was used')));
beforeEach(() => {
  vi.stubGlobal('fetch', fetchSpy);
});
afterEach(async () => {
  vi.unstubAllGlobals();
  fetchSpy.mockClear();
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  tempDirs = [];
});

describe('the committed manifest against the official schema, offline', () => {
  it('filled with test values, it validates against the bundled 1.30 schema without fetching anything', async () => {
    const { json, problems } = await filledManifest();
    expect(problems).toEqual([]);
    const checked = await checkManifest(json);
    expect(checked.problems).toEqual([]);
    expect(checked.manifest?.manifestVersion).toBe('1.30');
    expect(checked.manifest?.$schema).toBe(bundledSchemaUrl('1.30'));
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('unfilled, its placeholders are refused by the schema as ids that are not GUIDs', async () => {
    const checked = await checkManifest(await committedJson());
    const guid = '"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$"';
    expect(checked.problems).toEqual([
      `manifest.json: /id must match pattern ${guid}. Details: {"pattern":${guid}}`,
      `manifest.json: /bots/0/botId must match pattern ${guid}. Details: {"pattern":${guid}}`,
      `manifest.json: /webApplicationInfo/id must match pattern ${guid}. Details: {"pattern":${guid}}`,
    ]);
  });

  it('a short name over 30 characters is refused with the schema message', async () => {
    const broken = z.object({ name: z.object({ short: z.string() }).passthrough() }).passthrough().parse((await filledManifest()).json);
    broken.name.short = 'Core group bot for core groups!';
    expect(broken.name.short).toHaveLength(31);
    expect((await checkManifest(broken)).problems).toEqual(['manifest.json: /name/short must NOT have more than 30 characters. Details: {"limit":30}']);
  });

  it('a $schema the package does not bundle is refused rather than fetched', async () => {
    const json = { ...z.object({}).passthrough().parse((await filledManifest()).json), $schema: 'https://example.org/teams.schema.json' };
    expect((await checkManifest(json)).problems).toEqual([
      'manifest.json: $schema must be https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json, for a manifest version @microsoft/app-manifest bundles (validation runs offline)',
    ]);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('a placeholder with no value is named, not left in', () => {
    const { json, problems } = fillPlaceholders({ id: '${{TEAMS_APP_ID}}', other: ['x ${{NOT_A_VARIABLE}}'] }, placeholderValues(settings));
    expect(json).toEqual({ id: settings.teamsAppId, other: ['x ${{NOT_A_VARIABLE}}'] });
    expect(problems).toEqual(['manifest.json: ${{NOT_A_VARIABLE}} has no value (known: TEAMS_APP_ID, BOT_ID, GRAPH_CLIENT_ID, BOT_DOMAIN)']);
  });
});

describe('the icons', () => {
  const read = async (file: string) => PNG.sync.read(await readFile(join(MANIFEST_DIR, file)));
  const alphas = (png: PNG) => Array.from({ length: png.width * png.height }, (_, pixel) => png.data[pixel * 4 + 3]);

  it('color.png is a 192×192 PNG, every pixel opaque', async () => {
    const png = await read('color.png');
    expect([png.width, png.height]).toEqual([192, 192]);
    expect(new Set(alphas(png))).toEqual(new Set([255]));
    expect(iconProblems('color', 'color.png', await readFile(join(MANIFEST_DIR, 'color.png')))).toEqual([]);
  });

  it('outline.png is a 32×32 PNG, every pixel white or fully transparent, with some of each', async () => {
    const png = await read('outline.png');
    expect([png.width, png.height]).toEqual([32, 32]);
    let transparent = 0;
    let white = 0;
    for (let pixel = 0; pixel < 32 * 32; pixel++) {
      const [red, green, blue, alpha] = png.data.subarray(pixel * 4, pixel * 4 + 4);
      if (alpha === 0) transparent++;
      else {
        expect([red, green, blue], `pixel ${pixel}`).toEqual([255, 255, 255]);
        white++;
      }
    }
    expect(transparent).toBeGreaterThan(0);
    expect(white).toBeGreaterThan(0);
    expect(iconProblems('outline', 'outline.png', await readFile(join(MANIFEST_DIR, 'outline.png')))).toEqual([]);
  });

  /** A square PNG of one colour, with `odd` pixels of another. */
  const png = (size: number, rgba: readonly number[], odd: readonly number[] = rgba, oddPixels = 0): Buffer => {
    const image = new PNG({ width: size, height: size });
    for (let pixel = 0; pixel < size * size; pixel++) image.data.set(pixel < oddPixels ? odd : rgba, pixel * 4);
    return PNG.sync.write(image);
  };

  it('names each broken rule', () => {
    expect(iconProblems('color', 'color.png', png(96, [47, 93, 98, 255], [0, 0, 0, 0], 1))).toEqual([
      'color.png is 96×96: the color icon must be 192×192',
      'color.png has transparent pixels: the color icon must be opaque',
    ]);
    expect(iconProblems('outline', 'outline.png', png(32, [0, 0, 0, 0], [255, 0, 0, 255], 3))).toEqual([
      'outline.png has pixels that are neither white nor fully transparent',
      'outline.png has no white mark',
    ]);
    expect(iconProblems('outline', 'outline.png', png(32, [255, 255, 255, 255]))).toEqual(['outline.png has no transparent background']);
    expect(iconProblems('outline', 'outline.png', Buffer.from('not a png'))).toEqual([expect.stringMatching(/^outline\.png is not a PNG: /)]);
  });
});

describe('buildAppPackage (npm run package)', () => {
  it('writes a zip whose root holds exactly manifest.json and the two icons, the manifest filled from the settings', async () => {
    const out = await tempDir();
    const built = await buildAppPackage(settings, MANIFEST_DIR, out);
    expect(built.path).toBe(join(out, 'core-group-bot-0.1.0.zip'));
    const zip = await JSZip.loadAsync(await readFile(built.path));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);

    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(filledFields.parse(manifest)).toEqual({
      id: settings.teamsAppId,
      bots: [{ botId: settings.botId }],
      webApplicationInfo: { id: settings.graphClientId },
      validDomains: ['corebot.example.org'],
    });
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(manifest).toEqual((await filledManifest()).json);
    for (const icon of ['color.png', 'outline.png']) expect(await zip.file(icon)!.async('nodebuffer')).toEqual(await readFile(join(MANIFEST_DIR, icon)));
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('refuses a broken manifest and icon, naming every problem, and writes nothing', async () => {
    const source = await tempDir();
    const out = join(await tempDir(), 'build');
    await cp(MANIFEST_DIR, source, { recursive: true, filter: (path) => !path.startsWith(join(MANIFEST_DIR, 'build')) });
    const text = await readFile(join(source, 'manifest.json'), 'utf8');
    await writeFile(join(source, 'manifest.json'), text.replace('"short": "Core group bot"', `"short": "${'x'.repeat(31)}"`));
    await writeFile(join(source, 'outline.png'), await readFile(join(MANIFEST_DIR, 'color.png')));

    const refusal = await buildAppPackage(settings, source, out).then(
      () => undefined,
      (error: unknown) => error,
    );
    if (!(refusal instanceof AppPackageError)) throw new Error(`expected an AppPackageError, got ${String(refusal)}`);
    expect(refusal.problems).toEqual([
      'manifest.json: /name/short must NOT have more than 30 characters. Details: {"limit":30}',
      'outline.png is 192×192: the outline icon must be 32×32',
      'outline.png has pixels that are neither white nor fully transparent',
      'outline.png has no transparent background',
    ]);
    await expect(readdir(out)).rejects.toThrow(/ENOENT/);
  });

  it('the script refuses a missing bot id, naming the variable, and exits 1', async () => {
    // From an empty folder with only BOT_DOMAIN set, so neither a local .env nor the outer environment counts.
    const cwd = await tempDir();
    const tsx = join(MANIFEST_DIR, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const env = { BOT_DOMAIN: 'corebot.example.org' };
    const run = await promisify(execFile)(process.execPath, [tsx, join(MANIFEST_DIR, 'package.ts')], { cwd, env }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(run).toEqual({
      code: 1,
      stderr: "Configuration is invalid:\n  - MicrosoftAppId is missing: the manifest's bot is the bot's Entra application (client) id\n",
    });
  });
});
