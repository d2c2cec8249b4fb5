/**
 * Who sits in a core group and why someone leaves it, in the words a social worker uses: each list is the one
 * place its codes and their wording live (the forms offer them, the cards say them, validation checks them).
 */

/**
 * Professionals are recorded by name and agency. An independent advocate is one too: they come from an
 * advocacy service and act for the child or a parent, and their name says nothing about the family.
 */
export const PROFESSIONAL_ROLES = ['professional', 'advocate'] as const;

/**
 * The family and the friends or relatives who support them are recorded by a neutral label the social worker
 * gives ("Parent A", "Grandparent"), never by name: the bot never messages them, and a card must never show who
 * they are (cards reach lock screens and stay in the chat's history).
 */
export const FAMILY_ROLES = ['parent-or-carer', 'child-or-young-person', 'family-supporter'] as const;

export const MEMBER_ROLES = [...PROFESSIONAL_ROLES, ...FAMILY_ROLES] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export type FamilyRole = (typeof FAMILY_ROLES)[number];

export const ROLE_NAMES: { readonly [role in MemberRole]: string } = {
  professional: 'Professional',
  advocate: 'Independent advocate',
  'parent-or-carer': 'Parent or carer',
  'child-or-young-person': 'Child or young person',
  'family-supporter': 'Family friend or supporter',
};

export const isFamilyRole = (role: string): role is FamilyRole => (FAMILY_ROLES as readonly string[]).includes(role);
export const isProfessionalRole = (role: string): role is (typeof PROFESSIONAL_ROLES)[number] => (PROFESSIONAL_ROLES as readonly string[]).includes(role);

/**
 * Why someone leaves the core group. Seed 002: members "may be opted in and out as appropriate as the needs of
 * the family change and agency interventions may cease or begin". A code only, never free text: the audit trail
 * and the cards keep the code's wording, and any detail belongs in the case file.
 */
export const REMOVAL_REASONS = ['family-needs-changed', 'agency-no-longer-involved', 'replaced', 'added-in-error', 'other'] as const;
export type RemovalReason = (typeof REMOVAL_REASONS)[number];

/** Each reason as it reads in a sentence: "… is no longer in the core group for CP-1042 (the family's needs have changed)". */
export const REMOVAL_REASON_WORDS: { readonly [reason in RemovalReason]: string } = {
  'family-needs-changed': "the family's needs have changed",
  'agency-no-longer-involved': 'their agency is no longer involved',
  replaced: 'they have moved on and someone else takes their place',
  'added-in-error': 'they were added in error',
  other: 'another reason, recorded in the case file',
};
