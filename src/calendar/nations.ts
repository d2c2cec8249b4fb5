/** The UK's three bank-holiday jurisdictions (England and Wales share one list). */
export const NATIONS = ['england-wales', 'scotland', 'northern-ireland'] as const;
export type Nation = (typeof NATIONS)[number];

/** date-holidays subdivision per nation. Always pass one: `new Holidays('GB')` alone drops the August holiday. */
export const HOLIDAY_SUBDIVISION: Readonly<Record<Nation, string>> = {
  'england-wales': 'ENG',
  scotland: 'SCT',
  'northern-ireland': 'NIR',
};

export const NATION_LABEL: Readonly<Record<Nation, string>> = {
  'england-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};
