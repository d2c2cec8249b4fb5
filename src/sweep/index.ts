export { noticesDue, type SweepDeps } from './noticesDue.js';
export { NOTICE_KINDS, type Notice, type NoticeData, type NoticeKind, type NoticeRole, type Recipient } from './notice.js';
export { SWEEP_DEFAULTS, sweepSettingsSchema, type SweepSettings, type SweepSettingsInput } from './settings.js';
