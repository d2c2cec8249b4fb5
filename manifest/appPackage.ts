import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppManifestUtils, TeamsManifestConverter, type TeamsManifest } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { z } from 'zod';
import type { AppPackageSettings } from '../src/config.js';
import { iconProblems, type IconRole } from './icons.js';

/**
 * The Teams app package: manifest.json with its placeholders filled, and the two icons, at the root of one zip that
 * a Teams administrator uploads. Nothing is written unless the filled manifest passes the official schema (the copy
 * bundled in @microsoft/app-manifest, so no network) and the icons keep Teams' rules.
 */

/** This folder: manifest.json and the icons beside it, the zip under build/ (git-ignored). */
export const MANIFEST_DIR = dirname(fileURLToPath(import.meta.url));

export class AppPackageError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The Teams app package was not written:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'AppPackageError';
  }
}

export interface BuiltPackage {
  readonly path: string;
  /** The filled manifest, as written into the zip. */
  readonly manifest: TeamsManifest;
}

/** Reads manifest.json and the icons from `sourceDir`, and writes the zip to `outDir`; or throws AppPackageError naming every problem. */
export async function buildAppPackage(settings: AppPackageSettings, sourceDir = MANIFEST_DIR, outDir = join(MANIFEST_DIR, 'build')): Promise<BuiltPackage> {
  const filled = fillPlaceholders(await readJson(join(sourceDir, 'manifest.json')), placeholderValues(settings));
  const checked = await checkManifest(filled.json);
  const problems = [...filled.problems, ...checked.problems];
  const icons = checked.manifest === undefined ? [] : await readIcons(checked.manifest, sourceDir, problems);
  if (checked.manifest === undefined || problems.length > 0) throw new AppPackageError(problems);

  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(filled.json, null, 2)}\n`);
  for (const icon of icons) zip.file(icon.file, icon.bytes);
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, `core-group-bot-${checked.manifest.version}.zip`);
  await writeFile(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return { path, manifest: checked.manifest };
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new AppPackageError([`${basename(path)} cannot be read as JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
}

/** What each `${{NAME}}` in manifest.json becomes. */
export function placeholderValues(settings: AppPackageSettings): Readonly<Record<string, string>> {
  return { TEAMS_APP_ID: settings.teamsAppId, BOT_ID: settings.botId, GRAPH_CLIENT_ID: settings.graphClientId, BOT_DOMAIN: settings.botDomain };
}

const PLACEHOLDER = /\$\{\{([A-Za-z0-9_]+)\}\}/g;

/** Every string in the JSON with its placeholders filled; a placeholder with no value is a problem, not left in. */
export function fillPlaceholders(json: unknown, values: Readonly<Record<string, string>>): { json: unknown; problems: string[] } {
  const unknown = new Set<string>();
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string') {
      return value.replace(PLACEHOLDER, (placeholder, name: string) => {
        const filled = values[name];
        if (filled === undefined) unknown.add(placeholder);
        return filled ?? placeholder;
      });
    }
    if (Array.isArray(value)) return value.map(fill);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, fill(child)]));
    return value;
  };
  const filled = fill(json);
  return { json: filled, problems: [...unknown].map((placeholder) => `manifest.json: ${placeholder} has no value (known: ${Object.keys(values).join(', ')})`) };
}

const APP_MANIFEST_BUILD = dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest'));

const versionOf = z.object({ $schema: z.string(), manifestVersion: z.string() });

/** The schema URL @microsoft/app-manifest answers from its own copy, for a manifest version it bundles. */
export const bundledSchemaUrl = (manifestVersion: string): string => `https://developer.microsoft.com/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`;

/**
 * The manifest checked against the official schema, offline: its $schema must be one @microsoft/app-manifest
 * bundles (any other it would fetch). The package's converter checks the types first and stops at the first wrong
 * one; the schema then names every problem, as "manifest.json: /name/short must NOT have more than 30 characters…".
 */
export async function checkManifest(json: unknown): Promise<{ manifest: TeamsManifest | undefined; problems: string[] }> {
  // The manifest comes back (with its schema problems, if any) once its types are right, so the icons can be checked too.
  const version = versionOf.safeParse(json);
  if (!version.success) return { manifest: undefined, problems: ['manifest.json must name its $schema and manifestVersion'] };
  const { $schema, manifestVersion } = version.data;
  const bundled = existsSync(join(APP_MANIFEST_BUILD, 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json'));
  if (!bundled || $schema !== bundledSchemaUrl(manifestVersion)) {
    return { manifest: undefined, problems: [`manifest.json: $schema must be ${bundledSchemaUrl(manifestVersion)}, for a manifest version @microsoft/app-manifest bundles (validation runs offline)`] };
  }
  let manifest: TeamsManifest;
  try {
    manifest = TeamsManifestConverter.jsonToManifest(JSON.stringify(json));
  } catch (error) {
    return { manifest: undefined, problems: [`manifest.json: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const failures = await AppManifestUtils.validateAgainstSchema(manifest);
  return { manifest, problems: failures.map((failure) => `manifest.json: ${failure}`) };
}

interface Icon {
  readonly file: string;
  readonly bytes: Buffer;
}

/** The two icons the manifest names, read beside it and checked; Teams wants them at the package's root. */
async function readIcons(manifest: TeamsManifest, sourceDir: string, problems: string[]): Promise<Icon[]> {
  const icons: Icon[] = [];
  for (const role of ['color', 'outline'] as const satisfies readonly IconRole[]) {
    const file = manifest.icons[role];
    if (basename(file) !== file) {
      problems.push(`manifest.json: icons.${role} must be a file name beside manifest.json, not ${file}`);
      continue;
    }
    const path = join(sourceDir, file);
    if (!existsSync(path)) {
      problems.push(`${file} (icons.${role}) is missing from ${sourceDir}`);
      continue;
    }
    const bytes = await readFile(path);
    problems.push(...iconProblems(role, file, bytes));
    icons.push({ file, bytes });
  }
  return icons;
}
