/** The loopback transport: mail between the mailboxes of a MemoryServer. */
export { LOOPBACK_ADDRESS_TYPES, LOOPBACK_TRANSPORT_SERVICE, LoopbackLogon, loopbackTransportService } from './service.js';
