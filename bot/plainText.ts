import { ActivityTypes, type MiddlewareHandler } from 'botbuilder';
import { escapeMarkdown } from '../cards/index.js';

/**
 * Teams reads a message's text as Markdown. The bot's own words use none, so escaping every outgoing
 * message's text here, the one way out for replies and proactive sends alike, shows whatever a person typed
 * (an alias, a name) as they typed it. Cards are escaped where they are rendered.
 */
export const plainOutgoingText: MiddlewareHandler = async (context, next) => {
  context.onSendActivities(async (_context, activities, send) => {
    for (const activity of activities) {
      if (activity.type === ActivityTypes.Message && typeof activity.text === 'string') activity.text = escapeMarkdown(activity.text);
    }
    return send();
  });
  await next();
};
