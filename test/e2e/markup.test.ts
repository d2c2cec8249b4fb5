import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CaseNotFound } from '../../src/cases/errors.js';
import { snapshot } from '../setup/tables.js';
import { cardIn, sentencesOf } from '../support/cards.js';
import { shownTexts } from '../support/markdown.js';
import { cardInvoke, invokeAnswer, MEMBER, postActivity, SOCIAL_WORKER, TENANT, teamsMessage } from './activities.js';
import { CHAIR, TEAM_MANAGER } from './seedStories.js';
import { botOnStorage } from './botOnStorage.js';

/** Within the alias limit (40 characters); the longer lure goes where more room is given. */
const ALIAS = '[Sign in](https://evil.example/login)';
const LURE = '[Sign in to view the plan](https://evil.example/login)';
const NAME = '**Dr** _Visitor_ ~~Hana~~';
const ROUTE = '<https://evil.example/login>';
const SHARING = '# Shared at `evil.example` | ![x](https://evil.example/p.png)';
/** Within the label limit (30 characters). */
const LABEL = '**Parent** [B](https://e.vil)';

/**
 * A social worker's words reach other people's cards (the team manager's, the members'): whatever they type
 * there is shown as typed, never as a link, an image or emphasis, and text that would display differently from
 * what is stored is refused at input.
 */
describe('no markup from users', () => {
  const socialWorker = { tenantId: TENANT, aadObjectId: SOCIAL_WORKER };
  const env = botOnStorage('markup');

  async function press(verb: string, data: Record<string, unknown>) {
    const { status, body } = await invokeAnswer(env.bot.url, cardInvoke(verb, data, { serviceUrl: env.connector.serviceUrl }));
    expect(status).toBe(200);
    return body.value;
  }

  async function ask(text: string, aadObjectId: string): Promise<unknown> {
    env.connector.reset();
    expect((await postActivity(env.bot.url, teamsMessage(text, { serviceUrl: env.connector.serviceUrl, aadObjectId }))).status).toBe(200);
    const [reply] = env.connector.sentMessages();
    return cardIn(reply?.body);
  }

  /** A professional outside Teams, as the add-member form submits them. */
  const member = (overrides: Record<string, unknown>) => ({
    requestId: randomUUID(),
    caseRef: 'CP-4001',
    aadObjectId: '',
    displayName: 'Dr B',
    email: '',
    role: 'professional',
    agency: 'School',
    label: '',
    contactRoute: 'Secure email',
    ...overrides,
  });
  const family = (overrides: Record<string, unknown>) => member({ displayName: '', role: 'parent-or-carer', agency: '', label: 'Parent B', contactRoute: 'Hand delivered', ...overrides });

  /** No link, image, emphasis, heading, code or table on the card, and every lure reads exactly as typed. */
  function expectLiteral(card: unknown, lures: readonly string[]) {
    const shown = shownTexts(card);
    for (const { html } of shown) expect(html).not.toMatch(/<(?:a|img|strong|em|s|del|h\d|code|table)\b/);
    const reads = shown.map((text) => text.reads).join('\n');
    for (const lure of lures) expect(reads).toContain(lure);
  }

  it("an alias and a member's details written as Markdown show as literal text on the team manager's cards", async () => {
    await press('case.create', { requestId: randomUUID(), caseRef: 'CP-4001', alias: ALIAS, policyId: 'york', initialConferenceDate: '2027-02-05', teamManager: TEAM_MANAGER, chair: CHAIR });
    await press('member.add', member({ aadObjectId: MEMBER, displayName: 'Hana Visitor', agency: 'Health visiting' }));
    await press('member.add', member({ displayName: NAME, agency: LURE, contactRoute: ROUTE }));
    await press('member.add', family({ label: LABEL, contactRoute: SHARING }));

    const due = await ask('due', TEAM_MANAGER);
    // The card JSON carries the alias escaped, so Teams' Markdown reads it as text...
    expect(sentencesOf(due)).toContain('CP-4001 · \\[Sign in\\](https://evil.example/login)');
    // ...and Microsoft's renderer shows it as typed, with no link.
    expectLiteral(due, [`CP-4001 · ${ALIAS}`]);

    const members = await ask('members CP-4001', TEAM_MANAGER);
    expect(JSON.stringify(members)).not.toContain(`"${LURE}`);
    expectLiteral(members, [`Core group for CP-4001 · ${ALIAS}`, `${NAME}, ${LURE}`, ROUTE, LABEL, SHARING]);
    expect(sentencesOf(members).filter((text) => text.includes('Papers:'))).toHaveLength(2);
  });

  it('the values typed stay as typed in a form redrawn after a refusal (inputs are not Markdown)', async () => {
    const card = await press('member.add', member({ agency: LURE, role: 'friend' }));
    expect(JSON.stringify(card)).toContain(`"value":${JSON.stringify(LURE)}`);
  });

  it('control characters and bidirectional overrides are refused at input, and nothing is written', async () => {
    const before = await snapshot(env.tables, 'cases');
    const refusals = [
      ['displayName', 'Name', 'Dr \u202eB', member],
      ['agency', 'Agency', 'Health\u2066 visiting', member],
      ['contactRoute', 'How they are reached and sent papers', 'Email\u0007', member],
      ['label', 'Label', 'Parent\u0085B', family],
    ] as const;
    for (const [field, label, value, kind] of refusals) {
      const card = await press('member.add', kind({ [field]: value }));
      expect([field, sentencesOf(card)]).toEqual([field, expect.arrayContaining([`${label} contains characters that cannot be stored`])]);
    }
    const alias = await press('case.create', { requestId: randomUUID(), caseRef: 'CP-4002', alias: 'Oak\u202e', policyId: 'york', initialConferenceDate: '2027-02-05', teamManager: TEAM_MANAGER, chair: CHAIR });
    expect(sentencesOf(alias)).toContain('Alias contains characters that cannot be stored');
    expect(await snapshot(env.tables, 'cases')).toEqual(before);
    await expect(env.bot.services.cases.queries.getCase(socialWorker, 'CP-4002')).rejects.toBeInstanceOf(CaseNotFound);
  });
});
