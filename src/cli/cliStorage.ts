import { ConfigError, loadConfigFromProcess, type AppConfig } from '../config.js';
import { openStorage, type OpenStorage } from '../store/connect.js';
import { DataFolderInUse } from '../store/errors.js';

/**
 * The storage the bot is configured with, for an administrator's command (staff, retention). A bad setting, or the
 * local data folder held by a running bot, ends the command with the reason alone (exit 1), not a stack trace.
 */
export async function openCliStorage(): Promise<{ readonly config: AppConfig; readonly storage: OpenStorage }> {
  try {
    const config = loadConfigFromProcess();
    return { config, storage: await openStorage(config.storage) };
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof DataFolderInUse)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
