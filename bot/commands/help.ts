import { helpCard, welcomeCard } from '../../cards/index.js';
import type { Actor } from '../../src/cases/model.js';
import type { BotServices } from '../services.js';
import { cardReply } from '../views/reply.js';
import type { CommandHandler, Message } from './types.js';

/** The reference the manifest's commands show; help shows one of the asker's own instead. */
export const SAMPLE_REF = 'CP-1042';

/** The typed commands, as the manifest's command list shows them (`ofCase`: followed by a case reference). */
export const COMMANDS = [
  // Teams lists ten commands at most: "due" with a case reference is said in the same line.
  { command: 'due', says: 'when the next core groups are due, and why; add a case reference for one case' },
  { command: 'review', ofCase: true, says: 'when the next review conference is due, and why' },
  { command: 'overdue', says: 'anything past its due date' },
  { command: 'cases', says: 'the cases you are on' },
  { command: 'members', ofCase: true, says: 'who is in a core group' },
  { command: 'schedule', ofCase: true, says: 'schedule the next core group, on the date its timescale proposes' },
  { command: 'reports', ofCase: true, says: 'the updates sent for the next core group, and who has sent nothing' },
  { command: 'new case', says: 'set up a case' },
  { command: 'digest', says: 'your digest of what is overdue: say "digest daily" or "digest weekly" to choose' },
  { command: 'help', says: 'this list' },
] as const;

export const typedCommand = (entry: (typeof COMMANDS)[number], caseRef = SAMPLE_REF): string => ('ofCase' in entry ? `${entry.command} ${caseRef}` : entry.command);

/** Three questions to start with: on the welcome card's buttons and in the greeting. */
export const FIRST_QUESTIONS = ['when is the next core group due?', 'anything overdue?', 'my cases'] as const;

/** A case of the asker's to show in the examples: an open one, with an alias if any has one. */
interface ExampleCase {
  readonly caseRef: string;
  readonly alias?: string;
}

/**
 * One of the asker's own open cases, for examples they can type as they read them. Best-effort: help must answer
 * whatever the storage does, so a failed read gives the general examples.
 */
async function exampleCase(deps: BotServices, asker: Actor): Promise<ExampleCase | undefined> {
  try {
    const open = (await deps.cases.queries.myCases(asker)).filter((c) => c.status === 'open');
    return open.find((c) => c.alias !== undefined) ?? open[0];
  } catch {
    return undefined;
  }
}

/** The help card, its examples on the asker's own case in their 1:1 chat; elsewhere general, with no case read. */
async function help(deps: BotServices, asker: Actor, personal: boolean): Promise<ReturnType<typeof cardReply>> {
  const example = personal ? await exampleCase(deps, asker) : undefined;
  const commands = COMMANDS.map((entry) => ({ command: typedCommand(entry, example?.caseRef), description: entry.says }));
  const byAlias = example?.alias ? [{ command: `next core group for ${example.alias}`, description: 'a case by its alias, as well as by its reference' }] : [];
  return cardReply(helpCard({ commands: [...commands, ...byAlias] }));
}

export const handleHelp: CommandHandler = async ({ asker, personal }, deps) => help(deps, asker, personal);

/** The catch-all: say so, then show what works. */
export const handleUnknown: CommandHandler = async ({ asker, personal }, deps) => ({
  ...(await help(deps, asker, personal)),
  text: 'Sorry, I did not understand that. You can ask "when is the next core group due?" or use a command:',
});

const quoted = (questions: readonly string[]) => `${questions.slice(0, -1).map((q) => `"${q}"`).join(', ')} or "${questions[questions.length - 1]}"`;

/** "hi": a greeting back, with what the bot does and what to try. */
export const handleGreeting: CommandHandler = async ({ asker, personal }, deps) => ({
  ...(await help(deps, asker, personal)),
  text: `Hello! I keep your core groups on their timescales. Try ${quoted(FIRST_QUESTIONS)}:`,
});

/** In a group chat or channel the bot was added to: one line, no case data, pointing to the 1:1 chat. */
export const GROUP_HELLO = 'Hello! I am the Core group bot. I answer about cases only in our 1:1 chat: open the Core group bot app in Teams.';

/** The bot installed for a person: what it does, three questions to try (buttons), and where case details are given. */
export const welcome = (personal: boolean): Message => (personal ? cardReply(welcomeCard({ questions: FIRST_QUESTIONS.map((text) => ({ text })) })) : GROUP_HELLO);
