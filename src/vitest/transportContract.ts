/**
 * The transport-provider contract suite: what every transport provider must do for the
 * spooler (IXPProvider::TransportLogon, IXPLogon::AddressTypes, SubmitMessage, EndMessage,
 * TransportLogoff and the optional Poll / StartMessage / ValidateState / FlushQueues /
 * TransportNotify / OpenStatusEntry), checked against the MAPI reference pages. The suite
 * calls the provider directly with a recording {@link TransportSupport}, as the spooler would.
 *
 * @example
 * // test/providers/acme-transport/contract.test.ts
 * import { describeTransportProviderContract } from 'mapi-emu/vitest';
 * describeTransportProviderContract('Acme transport', () => ({
 *   provider: acmeTransportService().providers[0]!.transport!,
 *   deliverable: [{ addressType: 'ACME', emailAddress: 'bob' }],
 *   undeliverable: { addressType: 'ACME', emailAddress: 'nobody' },
 * }));
 *
 * @packageDocumentation
 */
import { describe, expect, it } from 'vitest';
import type { SPropValue } from '../core/props/types.js';
import type { MessageContent, PropMap } from '../core/spi/store.js';
import type { DeliveryOptions, DeliveryTarget, OutgoingMessage, OutgoingRecipient, TransportLogon, TransportLogonInfo, TransportProvider, TransportSupport } from '../core/spi/transport.js';
import { END_DONT_RESEND, END_RESEND_LATER, END_RESEND_NOW, LOGOFF_NORMAL } from '../core/spi/transport.js';
import { VirtualClock } from '../core/spi/clock.js';
import { SeededIds } from '../core/spi/ids.js';
import { NamedPropertyMap } from '../core/props/NamedPropertyMap.js';
import { PROP_ID } from '../core/props/tags.js';
import { PR_ADDRTYPE_W, PR_DISPLAY_NAME_W, PR_EMAIL_ADDRESS_W, PR_MESSAGE_CLASS_W, PR_RECIPIENT_TYPE, PR_ROWID, PR_SUBJECT_W } from '../core/generated/proptags.js';
import { FLUSH_UPLOAD, MAPI_TO } from '../core/generated/constants.js';

/** An address the transport handles. */
export interface ContractAddress {
  addressType: string;
  emailAddress: string;
}

/** What the suite is given for each case (a fresh provider and what it can reach). */
export interface TransportContractSetup {
  /** The provider under test. */
  provider: TransportProvider;
  /** The profile section its logon gets [empty]. */
  profileSection?: ReadonlyMap<number, SPropValue>;
  /** Addresses it delivers to (at least one). */
  deliverable: readonly ContractAddress[];
  /** An address of its types it cannot deliver to: it must come back as a failure (an NDR). */
  undeliverable?: ContractAddress;
}

/** Builds a fresh setup per case. */
export type TransportProviderContractFactory = () => TransportContractSetup | Promise<TransportContractSetup>;

/** A delivery the provider asked the recording support for. */
interface RecordedDelivery {
  target: DeliveryTarget;
  content: MessageContent;
  options: DeliveryOptions | undefined;
}

function recordingSupport(): { support: TransportSupport; deliveries: RecordedDelivery[]; newMail: number } {
  const state = { deliveries: [] as RecordedDelivery[], newMail: 0 };
  const support: TransportSupport = {
    clock: new VirtualClock(),
    ids: new SeededIds(7),
    async deliver(target, content, options) {
      state.deliveries.push({ target, content, options });
      return { entryId: new Uint8Array(24), folderEntryId: new Uint8Array(24) };
    },
    newMail() {
      state.newMail++;
    },
  };
  return { support, get deliveries() { return state.deliveries; }, get newMail() { return state.newMail; } };
}

function recipientProps(rowId: number, a: ContractAddress): PropMap {
  const p: PropMap = new Map();
  const set = (tag: number, Value: string | number) => p.set(PROP_ID(tag), { ulPropTag: tag, Value });
  set(PR_DISPLAY_NAME_W, a.emailAddress);
  set(PR_ADDRTYPE_W, a.addressType);
  set(PR_EMAIL_ADDRESS_W, a.emailAddress);
  set(PR_RECIPIENT_TYPE, MAPI_TO);
  set(PR_ROWID, rowId);
  return p;
}

/** An outgoing message to `to`, as the spooler builds it. */
function outgoing(to: readonly ContractAddress[], subject = 'Contract'): OutgoingMessage {
  const recipients = to.map((a, rowId) => ({ rowId, props: recipientProps(rowId, a) }));
  const props: PropMap = new Map();
  props.set(PROP_ID(PR_MESSAGE_CLASS_W), { ulPropTag: PR_MESSAGE_CLASS_W, Value: 'IPM.Note' });
  props.set(PROP_ID(PR_SUBJECT_W), { ulPropTag: PR_SUBJECT_W, Value: subject });
  const content: MessageContent = { props, recipients, attachments: [], nextAttachNum: 0, nextRowId: recipients.length };
  const orecips: OutgoingRecipient[] = to.map((a, rowId) => ({ rowId, displayName: a.emailAddress, addressType: a.addressType, emailAddress: a.emailAddress, recipientType: MAPI_TO, props: recipientProps(rowId, a) }));
  return { entryId: new Uint8Array(46), content, recipients: orecips, flags: 0, namedProps: new NamedPropertyMap(new Uint8Array(16)) };
}

const INFO: Omit<TransportLogonInfo, 'profileSection'> = { serviceUid: new Uint8Array(16).fill(1), providerUid: new Uint8Array(16).fill(2), profileName: 'contract' };

/**
 * Runs the transport contract against a provider. Each case builds a fresh setup and logs on.
 * @see mapi-transport-provider-overview.md
 */
export function describeTransportProviderContract(name: string, factory: TransportProviderContractFactory): void {
  const logon = async (): Promise<{ setup: TransportContractSetup; xp: TransportLogon; rec: ReturnType<typeof recordingSupport> }> => {
    const setup = await factory();
    const rec = recordingSupport();
    const xp = await setup.provider.logon(rec.support, { ...INFO, profileSection: setup.profileSection ?? new Map() });
    return { setup, xp, rec };
  };

  describe(`transport provider contract: ${name}`, () => {
    describe('IXPProvider.transportLogon / IXPLogon.addressTypes', () => {
      it('logs on and names the address types it handles (ixplogon-addresstypes.md)', async () => {
        const { setup, xp } = await logon();
        const { types } = xp.addressTypes();
        expect(Array.isArray(types)).toBe(true);
        expect(types.length).toBeGreaterThan(0);
        for (const t of types) expect(typeof t === 'string' && t.length > 0).toBe(true);
        // Every address the setup calls deliverable is of one of those types.
        const upper = new Set(types.map((t) => t.toUpperCase()));
        for (const a of setup.deliverable) expect(upper.has(a.addressType.toUpperCase())).toBe(true);
        await xp.logoff(LOGOFF_NORMAL);
      });

      it('gives every logon its own state: two logons work side by side', async () => {
        const a = await logon();
        const b = await logon();
        const ra = await a.xp.submitMessage(outgoing(a.setup.deliverable.slice(0, 1)));
        const rb = await b.xp.submitMessage(outgoing(b.setup.deliverable.slice(0, 1)));
        expect(ra.responsible).toEqual([0]);
        expect(rb.responsible).toEqual([0]);
        await a.xp.endMessage(ra.msgRef);
        await b.xp.endMessage(rb.msgRef);
      });
    });

    describe('IXPLogon.submitMessage', () => {
      it('takes responsibility for the deliverable recipients it was given, and reports none of them failed', async () => {
        const { setup, xp } = await logon();
        const result = await xp.submitMessage(outgoing(setup.deliverable));
        expect(typeof result.msgRef).toBe('number');
        expect([...result.responsible].sort((x, y) => x - y)).toEqual(setup.deliverable.map((_, i) => i));
        expect(result.failed ?? []).toEqual([]);
        await xp.endMessage(result.msgRef);
      });

      it('never claims a row it was not given (ixplogon-submitmessage.md: only recipients without PR_RESPONSIBILITY)', async () => {
        const { setup, xp } = await logon();
        const msg = outgoing(setup.deliverable);
        // The spooler hands over only the first recipient; the content still lists all of them.
        const only = { ...msg, recipients: msg.recipients.slice(0, 1) };
        const result = await xp.submitMessage(only);
        expect(result.responsible).toEqual([0]);
        await xp.endMessage(result.msgRef);
      });

      it('reports an undeliverable address as a failure with a reason (the spooler writes the NDR)', async () => {
        const { setup, xp } = await logon();
        if (!setup.undeliverable) return;
        const result = await xp.submitMessage(outgoing([setup.deliverable[0] as ContractAddress, setup.undeliverable]));
        expect(result.responsible).toContain(1);
        const failed = result.failed ?? [];
        expect(failed.map((f) => f.rowId)).toEqual([1]);
        expect(typeof (failed[0]?.reasonCode ?? 0)).toBe('number');
        // Failures are among the rows it took.
        for (const f of failed) expect(result.responsible).toContain(f.rowId);
        await xp.endMessage(result.msgRef);
      });

      it('delivers a copy whose content is the submitted one (subject, class) when it delivers through the support', async () => {
        const { setup, xp, rec } = await logon();
        const result = await xp.submitMessage(outgoing(setup.deliverable.slice(0, 1), 'Delivered?'));
        await xp.endMessage(result.msgRef);
        for (const d of rec.deliveries) {
          expect(d.content.props.get(PROP_ID(PR_SUBJECT_W))?.Value).toBe('Delivered?');
          expect(d.content.props.get(PROP_ID(PR_MESSAGE_CLASS_W))?.Value).toBe('IPM.Note');
        }
      });

      it('does not change the message it was handed (the spooler owns it)', async () => {
        const { setup, xp } = await logon();
        const msg = outgoing(setup.deliverable);
        const before = JSON.stringify([...msg.content.props.keys()]) + msg.content.recipients.length;
        const result = await xp.submitMessage(msg);
        await xp.endMessage(result.msgRef);
        expect(JSON.stringify([...msg.content.props.keys()]) + msg.content.recipients.length).toBe(before);
      });
    });

    describe('IXPLogon.endMessage', () => {
      it('answers 0 or END_* flags only (ixplogon-endmessage.md)', async () => {
        const { setup, xp } = await logon();
        const result = await xp.submitMessage(outgoing(setup.deliverable.slice(0, 1)));
        const flags = await xp.endMessage(result.msgRef);
        expect(flags & ~(END_RESEND_NOW | END_RESEND_LATER | END_DONT_RESEND)).toBe(0);
      });
    });

    describe('optional IXPLogon methods', () => {
      it('poll answers a count, startMessage a message or nothing, when present (ixplogon-poll.md)', async () => {
        const { xp } = await logon();
        if (xp.poll) {
          const n = xp.poll();
          expect(Number.isInteger(n) && n >= 0).toBe(true);
          if (n === 0 && xp.startMessage) expect(await xp.startMessage()).toBeUndefined();
        }
      });

      it('validateState, flushQueues and transportNotify succeed on a working logon', async () => {
        const { xp } = await logon();
        await xp.validateState?.(0);
        await xp.flushQueues?.(FLUSH_UPLOAD);
        expect(() => xp.transportNotify?.(0)).not.toThrow();
      });

      it('openStatusEntry gives property values, when present (ixplogon-openstatusentry.md)', async () => {
        const { xp } = await logon();
        for (const p of xp.openStatusEntry?.() ?? []) expect(typeof p.ulPropTag).toBe('number');
      });
    });

    describe('IXPLogon.transportLogoff', () => {
      it('logs off (ixplogon-transportlogoff.md)', async () => {
        const { xp } = await logon();
        await expect(xp.logoff(LOGOFF_NORMAL)).resolves.toBeUndefined();
      });
    });
  });
}
