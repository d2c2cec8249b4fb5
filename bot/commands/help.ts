import { helpCard } from '../../cards/index.js';
import { cardReply } from '../views/reply.js';
import type { CommandHandler } from './types.js';

/** The typed commands, as the manifest's command list will show them. */
export const COMMANDS = [
  { example: 'due', says: 'when the next core groups are due, and why' },
  { example: 'due CP-1042', says: 'what is next due for one case' },
  { example: 'overdue', says: 'anything past its due date' },
  { example: 'cases', says: 'the cases you are on' },
  { example: 'members CP-1042', says: 'who is in a core group' },
  { example: 'new case', says: 'set up a case' },
  { example: 'help', says: 'this list' },
] as const;

const help = () => cardReply(helpCard({ commands: COMMANDS.map(({ example, says }) => ({ command: example, description: says })) }));

export const handleHelp: CommandHandler = async () => help();

/** The catch-all: say so, then show what works. */
export const handleUnknown: CommandHandler = async () => ({
  ...help(),
  text: 'Sorry, I did not understand that. You can ask "when is the next core group due?" or use a command:',
});

/** "hi": a greeting back, with what the bot does and what to try. */
export const handleGreeting: CommandHandler = async () => ({
  ...help(),
  text: 'Hello! I keep your core groups on their timescales. Try "when is the next core group due?", "anything overdue?" or "my cases":',
});
