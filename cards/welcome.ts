import template from './welcome.json' with { type: 'json' };
import { render, type AdaptiveCardJson } from './render.js';

export interface WelcomeData {
  /** Each becomes a button that asks it (Action.Submit with `{ ask }`, read as the message's text: bot/app.ts). */
  readonly questions: ReadonlyArray<{ readonly text: string }>;
}

/** The first thing a person sees when they install the bot for themselves. */
export const welcomeCard = (data: WelcomeData): AdaptiveCardJson => render(template, data);
