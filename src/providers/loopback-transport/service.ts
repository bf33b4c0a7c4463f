import type { MessageContent } from '../../core/spi/store.js';
import type { MessageServiceDefinition } from '../../core/spi/services.js';
import type { OutgoingMessage, RecipientFailure, SubmitResult, TransportLogon, TransportSupport } from '../../core/spi/transport.js';
import type { DirectoryUser, MemoryServer } from '../memory-store/MemoryServer.js';
import { PROP_ID } from '../../core/props/tags.js';
import { cloneContent } from '../../core/store/messageOps.js';
import { MAPI_REASON_TRANSFER_FAILED } from '../../core/spi/transport.js';
import { MEMORY_STORE_MDB_PROVIDER } from '../memory-store/service.js';
import { PR_RECIPIENT_TYPE } from '../../core/generated/proptags.js';
import { MAPI_BCC, MAPI_DIAG_OR_NAME_UNRECOGNIZED, MAPI_P1, MAPI_SUBMITTED } from '../../core/generated/constants.js';

/** PR_SERVICE_NAME of the loopback transport service. */
export const LOOPBACK_TRANSPORT_SERVICE = 'MAPIEMU_LOOPBACK';

/** The address types the loopback transport delivers: the directory's SMTP and Exchange (EX) addresses. */
export const LOOPBACK_ADDRESS_TYPES: readonly string[] = ['SMTP', 'EX'];

/**
 * What a delivered copy shows: the recipients without Bcc and P1 (resend) rows
 * (ixplogon-submitmessage.md: MAPI_P1 recipients "should not be transmitted"), and without the
 * MAPI_SUBMITTED flag of a resend, so the list "appears exactly as it did when the message was
 * sent for the first time" (pidtagrecipienttype-canonical-property.md).
 */
function deliveredCopy(content: MessageContent): MessageContent {
  const copy = cloneContent(content);
  copy.recipients = copy.recipients.filter((r) => {
    const v = r.props.get(PROP_ID(PR_RECIPIENT_TYPE))?.Value;
    const type = (typeof v === 'number' ? v : 0) >>> 0;
    if ((type & MAPI_P1) !== 0) return false;
    const base = (type & ~MAPI_SUBMITTED) >>> 0;
    if (base === MAPI_BCC) return false;
    if (base !== type) r.props.set(PROP_ID(PR_RECIPIENT_TYPE), { ulPropTag: PR_RECIPIENT_TYPE, Value: base });
    return true;
  });
  return copy;
}

/**
 * A transport logon on a {@link MemoryServer}: each recipient is looked up in the server's
 * directory by address type and address (`findUser`); known users get a copy delivered into
 * their mailbox (created with its default folders if nobody opened it yet), once each even
 * when named twice; unknown addresses fail with MAPI_REASON_TRANSFER_FAILED /
 * MAPI_DIAG_OR_NAME_UNRECOGNIZED, which the spooler turns into a non-delivery report.
 */
export class LoopbackLogon implements TransportLogon {
  private nextRef = 1;
  private readonly open = new Set<number>();

  constructor(
    private readonly server: MemoryServer,
    private readonly support: TransportSupport,
  ) {}

  addressTypes() {
    return { types: LOOPBACK_ADDRESS_TYPES };
  }

  async submitMessage(message: OutgoingMessage): Promise<SubmitResult> {
    const msgRef = this.nextRef++;
    this.open.add(msgRef);
    const failed: RecipientFailure[] = [];
    const targets = new Map<string, DirectoryUser>();
    for (const r of message.recipients) {
      const user = this.server.findUser(r.addressType, r.emailAddress);
      if (!user) {
        failed.push({ rowId: r.rowId, reasonCode: MAPI_REASON_TRANSFER_FAILED, diagCode: MAPI_DIAG_OR_NAME_UNRECOGNIZED, text: `The address ${r.addressType}:${r.emailAddress} is not known to the mail server.` });
        continue;
      }
      targets.set(user.mailbox.toLowerCase(), user);
    }
    const copy = deliveredCopy(message.content);
    for (const user of targets.values()) {
      const box = this.server.mailbox(user.mailbox, `Mailbox - ${user.displayName}`);
      await this.support.deliver(
        { backend: box.backend, mdbProvider: MEMORY_STORE_MDB_PROVIDER, displayName: box.displayName, isNew: box.isNew },
        copy,
        { namedProps: message.namedProps, receivedBy: { displayName: user.displayName, addressType: 'SMTP', emailAddress: user.smtpAddress } },
      );
    }
    return { msgRef, responsible: message.recipients.map((r) => r.rowId), failed };
  }

  async endMessage(msgRef: number): Promise<number> {
    this.open.delete(msgRef);
    return 0;
  }

  async validateState(): Promise<void> {}

  async flushQueues(): Promise<void> {}

  transportNotify(): void {}

  async logoff(): Promise<void> {
    this.open.clear();
  }
}

/**
 * The loopback transport service: delivers between the mailboxes of a {@link MemoryServer}
 * (SMTP and EX address types), so that in a world made by `createWorld`, alice's message
 * reaches bob's Inbox when the spooler runs (`world.flush()`). It needs no configuration.
 *
 * @example
 * mapi.registerService(loopbackTransportService(server));
 * const uid = await admin.createMsgServiceEx(LOOPBACK_TRANSPORT_SERVICE, null, 0);
 * @see mapi-transport-provider-overview.md
 */
export function loopbackTransportService(server: MemoryServer): MessageServiceDefinition {
  return {
    name: LOOPBACK_TRANSPORT_SERVICE,
    displayName: 'Loopback transport (in-memory)',
    providers: [
      {
        kind: 'transport',
        name: 'MAPIEMU_LOOPBACK_XP',
        displayName: 'Loopback transport',
        transport: {
          async logon(support) {
            return new LoopbackLogon(server, support);
          },
        },
      },
    ],
    configure() {
      return {};
    },
  };
}
