/**
 * The notification engine: NOTIFICATION structures, advise sinks, and the hub that delivers
 * notifications to them in order.
 * @see event-notification-in-mapi.md
 */

// Structures and sink interfaces
export type {
  NOTIFICATION,
  NOTIFICATION_NEWMAIL,
  NOTIFICATION_OBJECT,
  NOTIFICATION_TABLE,
  NOTIFICATION_ERROR,
  NOTIFICATION_EXTENDED,
  NOTIFICATION_STATOBJ,
  NotificationOf,
  ObjectEventType,
  NEWMAIL_NOTIFICATION,
  OBJECT_NOTIFICATION,
  TABLE_NOTIFICATION,
  ERROR_NOTIFICATION,
  EXTENDED_NOTIFICATION,
  STATUS_OBJECT_NOTIFICATION,
  IMAPIAdviseSink,
  AdviseSinkLike,
} from './types.js';

// Delivery engine
export { NotificationHub } from './NotificationHub.js';
export type { AdviseOptions, NotificationHubOptions, NotificationHubEvents, SinkErrorRecord } from './hubOptions.js';
export type { AdviseSource } from './connection.js';
export { defaultScheduler, ManualScheduler } from './scheduler.js';
export type { Scheduler } from './scheduler.js';
export { cloneNotification } from './clone.js';

// Sinks and test helpers
export { HrAllocAdviseSink, HrThisThreadAdviseSink, NotificationRecorder } from './sink.js';
export type { NOTIFCALLBACK, WaitForOptions } from './sink.js';
export { describeNotification, fnevName, tableEventName } from './describe.js';
