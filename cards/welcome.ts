import template from './welcome.json' with { type: 'json' };
import { render, type AdaptiveCardJson } from './render.js';

export interface WelcomeData {
  /** Each becomes a button that sends it as the person's own message (Teams' imBack). */
  readonly questions: ReadonlyArray<{ readonly text: string }>;
}

/** The first thing a person sees when they install the bot for themselves. */
export const welcomeCard = (data: WelcomeData): AdaptiveCardJson => render(template, data);
