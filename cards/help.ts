import template from './help.json' with { type: 'json' };
import { render, type AdaptiveCardJson } from './render.js';

export interface HelpData {
  readonly commands: ReadonlyArray<{ readonly command: string; readonly description: string }>;
}

export const helpCard = (data: HelpData): AdaptiveCardJson => render(template, data);
