import { z } from 'zod';
import { NATIONS } from '../calendar/nations.js';

/**
 * Where a rule comes from: the document, its section, and the words that set the rule. `paraphrase` marks words
 * that are ours, summarising the section, where the document's own words could not be checked: never shown as a quote.
 */
export const citationSchema = z.object({
  document: z.string().min(1),
  section: z.string().min(1),
  quote: z.string().min(1),
  wording: z.enum(['verbatim', 'paraphrase']).default('verbatim'),
});

/**
 * A span of time as the source states it. `days` is for a source that says "10 days" without saying which
 * kind: the profile's `openDaysAre` decides, and the profile says so.
 */
export const durationSchema = z.object({
  amount: z.number().int().positive(),
  unit: z.enum(['working-days', 'calendar-days', 'days', 'weeks', 'months']),
});

const ROLES = [
  'social-worker',
  'team-manager',
  'chair',
  'note-taker',
  'core-group-members',
  'band-7-manager',
  'service-delivery-manager',
  /** Seed 000's Independent Safeguarding Unit, whose chairs chair the conferences. */
  'isu',
] as const;
export const roleSchema = z.enum(ROLES);

const ruleBase = { citation: citationSchema };

const maxGapSchema = z.object({
  ...ruleBase,
  mode: z.literal('max-gap'),
  /** "At least every six weeks": the longest allowed gap between core groups. */
  gap: durationSchema,
  /** Whether a review conference restarts the clock (seed 002's "review → 6 weeks → core group"). */
  resetByReview: z.boolean(),
  /** The last core group before each review is due this long before it (seed 002). */
  preReview: z.object({ ...ruleBase, before: durationSchema }).optional(),
});

/** Target dates, in order, for the core groups of one conference's cycle, with the words that set them. */
const targetListSchema = z.object({ ...ruleBase, spans: z.array(durationSchema).min(1) });

const targetsSchema = z.object({
  mode: z.literal('targets'),
  /** Counted from the initial conference, for core groups after the first. */
  afterInitialConference: targetListSchema,
  /** Counted from each review conference. */
  afterReviewConference: targetListSchema,
});

export const FOLLOW_UP_KINDS = [
  'plan-update',
  'plan-circulation',
  'plan-to-isu',
  'minutes',
  'minutes-dissemination',
  'record-distribution',
  'chronology-update',
] as const;

const followUpSchema = z.object({
  ...ruleBase,
  kind: z.enum(FOLLOW_UP_KINDS),
  /** Left out where the source gives no timescale: then it is owed after each core group, but never dated. */
  within: durationSchema.optional(),
  owner: roleSchema,
  /** What must happen, in words a social worker uses: "circulate the updated plan to core group members". */
  what: z.string().min(1),
});

export const JOINT_REPORT_KINDS = [
  'joint-report-draft',
  'joint-report-comments',
  'joint-report-to-manager',
  'joint-report-authorised',
  'joint-report-final',
] as const;

const jointReportStepSchema = z.object({
  ...ruleBase,
  kind: z.enum(JOINT_REPORT_KINDS),
  owner: roleSchema,
  what: z.string().min(1),
  /** After the pre-review core group (first step) or after the step before; or a span before the review. */
  timing: z.discriminatedUnion('from', [
    z.object({ from: z.literal('pre-review-core-group'), within: durationSchema }),
    z.object({ from: z.literal('previous-step'), within: durationSchema }),
    z.object({ from: z.literal('review-conference'), before: durationSchema }),
  ]),
});

const agendaItems = z.array(z.string().min(1)).min(1);

/**
 * The parts of a written update, in the order of seed 002's "Reports provided by non-attendees": progress on the
 * member's actions and the outcomes for the child, what is working well, what is not, and changes the plan needs.
 */
export const WRITTEN_UPDATE_PARTS = ['progressOnActions', 'whatIsWorking', 'whatIsNotWorking', 'changesToPlan'] as const;
export type WrittenUpdatePart = (typeof WRITTEN_UPDATE_PARTS)[number];

/** The headings of seed 002's "Agency contribution" form for the joint report (the child's name and the author's are known already). */
export const CONTRIBUTION_HEADINGS = ['chronology', 'progressOfPlan', 'updatesForPlan', 'riskAndProtectiveFactors', 'voiceOfChild'] as const;
export type ContributionHeading = (typeof CONTRIBUTION_HEADINGS)[number];

const apologiesSchema = z.object({
  ...ruleBase,
  /** Warwickshire (seed 003) also takes a verbal update given to the key worker, which the social worker confirms. */
  update: z.enum(['written', 'verbal-or-written']),
  /** Which parts of a written update must be filled in, with the words that ask for them. */
  requiredParts: z.object({ ...ruleBase, parts: z.array(z.enum(WRITTEN_UPDATE_PARTS)).min(1) }),
  /**
   * Seed 002: before the last core group before a review every member, attending or not, also writes the agency's
   * contribution to the joint report, under these headings (all of them required).
   */
  jointReportContribution: z.object({ ...ruleBase, headings: z.array(z.enum(CONTRIBUTION_HEADINGS)).min(1) }).optional(),
});

const roleRequirementSchema = z.object({
  ...ruleBase,
  meeting: z.enum(['first', 'second', 'pre-review', 'every']),
  role: roleSchema,
  requirement: z.enum(['chairs', 'attends', 'chair-is-not-note-taker']),
  /** Only when this holds for the case (seed 001: the case co-ordinator is in their assessed year). */
  when: z.enum(['case-coordinator-is-aye']).optional(),
});

export const policyProfileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and hyphens, at most 40'),
    name: z.string().min(1),
    nation: z.enum(NATIONS),
    /** The document the profile follows, and anything an administrator should know about how it was read. */
    source: z.object({ document: z.string().min(1), note: z.string().optional() }),
    /** What the first meeting is called where this profile applies. */
    startingConference: z.string().min(1),
    openDaysAre: z.enum(['working-days', 'calendar-days']).default('working-days'),
    firstCoreGroup: z.object({ ...ruleBase, within: durationSchema }),
    laterCoreGroups: z.discriminatedUnion('mode', [maxGapSchema, targetsSchema]),
    reviewConference: z.object({
      first: z.object({ ...ruleBase, within: durationSchema }),
      then: z.object({ ...ruleBase, within: durationSchema }),
    }),
    followUps: z.array(followUpSchema).default([]),
    /** Seed 000: what must reach the members after the initial conference, and within what time. */
    outlinePlan: z.object({ ...ruleBase, within: durationSchema, owner: roleSchema, what: z.string().min(1) }).optional(),
    /** Seed 001: the longest the child may go unseen by the case co-ordinator while the plan lasts. */
    childSeen: z.object({ ...ruleBase, every: durationSchema, owner: roleSchema }).optional(),
    jointReport: z.array(jointReportStepSchema).optional(),
    missedCoreGroup: z
      .object({ ...ruleBase, holdWithin: durationSchema, notify: z.array(roleSchema).min(1) })
      .optional(),
    roleRequirements: z.array(roleRequirementSchema).default([]),
    apologies: apologiesSchema,
    /** The procedure's own agenda for each kind of core group; without one, the default (src/policy/agendas.ts). */
    agendas: z
      .object({ ...ruleBase, first: agendaItems, subsequent: agendaItems, lastBeforeReview: agendaItems })
      .optional(),
    practiceNotes: z.array(z.object({ ...ruleBase, text: z.string().min(1) })).default([]),
  })
  .strict()
  .superRefine((profile, ctx) => {
    const kinds = profile.followUps.map((rule) => rule.kind);
    kinds.forEach((kind, index) => {
      if (kinds.indexOf(kind) !== index)
        ctx.addIssue({ code: 'custom', path: ['followUps', index, 'kind'], message: `"${kind}" appears twice` });
    });
    if (profile.jointReport && !(profile.laterCoreGroups.mode === 'max-gap' && profile.laterCoreGroups.preReview)) {
      ctx.addIssue({
        code: 'custom',
        path: ['jointReport'],
        message: 'a joint report needs laterCoreGroups.preReview: it starts at the last core group before review',
      });
    }
    if (profile.apologies.jointReportContribution && !profile.jointReport) {
      ctx.addIssue({ code: 'custom', path: ['apologies', 'jointReportContribution'], message: 'contributions are asked for a joint report: the profile has none' });
    }
  });

export type Citation = z.infer<typeof citationSchema>;
export type Duration = z.infer<typeof durationSchema>;
export type Role = z.infer<typeof roleSchema>;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];
export type JointReportKind = (typeof JOINT_REPORT_KINDS)[number];
export type RoleRequirement = z.infer<typeof roleRequirementSchema>;
export type ApologyRules = z.infer<typeof apologiesSchema>;
export type PolicyProfile = z.infer<typeof policyProfileSchema>;
/** What a profile's author writes: defaults may be left out. */
export type PolicyProfileInput = z.input<typeof policyProfileSchema>;
