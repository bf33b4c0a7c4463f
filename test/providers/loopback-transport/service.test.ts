import { describe, expect, it } from 'vitest';
import { MemoryServer } from '../../../src/providers/memory-store/MemoryServer.js';
import { LoopbackLogon } from '../../../src/providers/loopback-transport/service.js';
import { SeededIds } from '../../../src/core/spi/ids.js';
import { VirtualClock } from '../../../src/core/spi/clock.js';
import { NamedPropertyMap } from '../../../src/core/props/NamedPropertyMap.js';
import { PROP_ID } from '../../../src/core/props/tags.js';
import { recipientRow, outgoingRecipient } from '../../../src/core/spooler/routing.js';
import type { MessageContent } from '../../../src/core/spi/store.js';
import type { TransportSupport } from '../../../src/core/spi/transport.js';
import { PR_EMAIL_ADDRESS_W, PR_RECIPIENT_TYPE, PR_ROWID } from '../../../src/core/generated/proptags.js';
import { MAPI_BCC, MAPI_CC, MAPI_P1, MAPI_SUBMITTED, MAPI_TO } from '../../../src/core/generated/constants.js';

describe('LoopbackLogon.submitMessage', () => {
  it('delivers a resend with its recipient list as first sent: no MAPI_P1 rows, no Bcc rows, MAPI_SUBMITTED cleared', async () => {
    const server = new MemoryServer(new SeededIds(5));
    server.addUser({ mailbox: 'bob' });
    const delivered: MessageContent[] = [];
    const support: TransportSupport = {
      clock: new VirtualClock(),
      ids: new SeededIds(1),
      deliver: async (_target, content) => {
        delivered.push(content);
        return { entryId: new Uint8Array(0), folderEntryId: new Uint8Array(0) };
      },
      newMail: () => {},
    };
    const row = (rowId: number, address: string, type: number) => {
      const r = recipientRow(address, 'SMTP', address);
      r.rowId = rowId;
      r.props.set(PROP_ID(PR_ROWID), { ulPropTag: PR_ROWID, Value: rowId });
      // As read back from a store: PT_LONG, signed.
      r.props.set(PROP_ID(PR_RECIPIENT_TYPE), { ulPropTag: PR_RECIPIENT_TYPE, Value: type | 0 });
      return r;
    };
    const recipients = [
      row(0, 'carol@example.com', MAPI_TO | MAPI_SUBMITTED),
      row(1, 'dave@example.com', MAPI_CC | MAPI_SUBMITTED),
      row(2, 'eve@example.com', MAPI_BCC | MAPI_SUBMITTED),
      row(3, 'bob@example.com', MAPI_TO),
      row(4, 'bob@example.com', MAPI_P1),
    ];
    const content: MessageContent = { props: new Map(), recipients, attachments: [], nextAttachNum: 0, nextRowId: 5 };
    const logon = new LoopbackLogon(server, support);
    const result = await logon.submitMessage({ entryId: new Uint8Array(0), content, recipients: [outgoingRecipient(recipients[4]!)], flags: 0, namedProps: new NamedPropertyMap(new Uint8Array(16)) });
    expect(result.responsible).toEqual([4]);
    expect(delivered).toHaveLength(1);
    const shown = delivered[0]!.recipients.map((r) => [r.props.get(PROP_ID(PR_EMAIL_ADDRESS_W))?.Value, r.props.get(PROP_ID(PR_RECIPIENT_TYPE))?.Value]);
    expect(shown).toEqual([['carol@example.com', MAPI_TO], ['dave@example.com', MAPI_CC], ['bob@example.com', MAPI_TO]]);
  });
});
