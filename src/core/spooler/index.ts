/**
 * The MAPI spooler: outgoing queue, transport routing, reports and delivery.
 * @see mapi-spooler-overview.md
 */
export { Spooler, type SpoolerHost, type SpoolerOptions } from './Spooler.js';
export { deliverInto, messageClassOf, type DeliveryRecipient } from './delivery.js';
export { nonDeliveryReport, deliveryReport, readReport, reportClass, type ReportKind } from './reports.js';
export { senderIdentity, stampSender, type MessagingUser } from './sender.js';
