import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COMMANDS, typedCommand } from '../../bot/commands/help.js';
import { matchIntent } from '../../bot/commands/intents.js';
import { parseLocalDate } from '../../src/time/localDate.js';

/** The manifest's bot, as far as these tests read it (the whole manifest is checked against the schema in appPackage.test.ts). */
const manifestBots = z.object({
  bots: z.array(
    z.object({
      scopes: z.array(z.string()),
      commandLists: z.array(z.object({ scopes: z.array(z.string()), commands: z.array(z.object({ title: z.string(), description: z.string() }).strict()) })),
    }),
  ),
});

const manifest = manifestBots.parse(JSON.parse(readFileSync('manifest/manifest.json', 'utf8')));
const commands = manifest.bots[0]!.commandLists[0]!.commands;

describe('Teams app manifest', () => {
  it('lists exactly the commands the bot answers, within Teams limits', () => {
    expect(commands).toEqual(COMMANDS.map((entry) => ({ title: typedCommand(entry), description: entry.says })));
    expect(commands.length).toBeLessThanOrEqual(10);
    for (const command of commands) {
      expect(command.title.length).toBeLessThanOrEqual(32);
      expect(command.description.length).toBeLessThanOrEqual(128);
    }
  });

  it('every listed command reaches a handler, not the catch-all', () => {
    for (const { title } of commands) expect(matchIntent(title, parseLocalDate('2027-02-05')).intent, title).not.toBe('unknown');
  });

  it('installs for personal chat only, where case answers are given', () => {
    expect(manifest.bots[0]!.scopes).toEqual(['personal']);
  });
});
