/**
 * Builds the Teams app package from manifest/ and the environment (MicrosoftAppId, BOT_DOMAIN; TEAMS_APP_ID and
 * GRAPH_CLIENT_ID optional):
 *   MicrosoftAppId=<guid> BOT_DOMAIN=corebot.example.org npm run package
 */
import { relative } from 'node:path';
import { ConfigError, loadPackageSettingsFromProcess } from '../src/config.js';
import { AppPackageError, buildAppPackage } from './appPackage.js';

try {
  const built = await buildAppPackage(loadPackageSettingsFromProcess());
  process.stdout.write(`Wrote ${relative(process.cwd(), built.path)}: manifest.json (app ${built.manifest.id}, version ${built.manifest.version}), color.png, outline.png\n`);
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof AppPackageError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
