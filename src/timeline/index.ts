export * from './events.js';
export * from './obligation.js';
export * from './labels.js';
export { computeTimeline, NoInitialConferenceError, type TimelineInput } from './engine.js';
export { citeRule } from './context.js';
export { describeClosure } from './spans.js';
export { isMetByEvent, MET_BY } from './metBy.js';
