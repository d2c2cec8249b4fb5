import type { CommandHandler } from './types.js';

/** The typed commands, as the manifest's command list will show them. */
export const COMMANDS = [
  { example: 'due', says: 'when the next core groups and deadlines are due' },
  { example: 'due CP-1042', says: 'what is next due for one case' },
  { example: 'overdue', says: 'anything past its due date' },
  { example: 'cases', says: 'the cases you are on' },
  { example: 'members CP-1042', says: 'who is in a core group' },
  { example: 'new case', says: 'set up a case' },
  { example: 'help', says: 'this list' },
] as const;

const COMMAND_LIST = COMMANDS.map(({ example, says }) => `- **${example}**: ${says}`).join('\n');

export const handleHelp: CommandHandler<unknown> = async () =>
  `You can ask in your own words, for example "when is the next core group for CP-1042?", or type:\n${COMMAND_LIST}`;

/** The catch-all: say so, then show what works. */
export const handleUnknown: CommandHandler<unknown> = async (request, deps) => `Sorry, I didn't understand that.\n\n${await handleHelp(request, deps)}`;
