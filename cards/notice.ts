import template from './notice.json' with { type: 'json' };
import { render, type AdaptiveCardJson } from './render.js';

export interface NoticeData {
  readonly title: string;
  readonly message: string;
  /** What to do next; empty for none. */
  readonly hint: string;
}

type NoticeStyle = 'good' | 'attention' | 'default';

const notice = (style: NoticeStyle) => (data: NoticeData): AdaptiveCardJson => render(template, { ...data, style });

/** Something went wrong: what, and what to do about it. Nothing was changed. */
export const errorCard = notice('attention');
/** Something was done: what, and what follows. */
export const confirmationCard = notice('good');
/** Neutral information. */
export const infoCard = notice('default');
