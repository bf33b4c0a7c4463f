import type { SPropValue } from '../../core/props/types.js';
import type { MessageServiceDefinition, ProviderIdentity, ServiceConfigureContext, ServiceConfiguration } from '../../core/spi/services.js';
import { MapiError } from '../../core/errors/MapiError.js';
import { GUID } from '../../core/props/guid.js';
import { PROP_ID } from '../../core/props/tags.js';
import { PR_DISPLAY_NAME, PR_IDENTITY_DISPLAY, PR_PROFILE_MAILBOX, PR_PROFILE_USER_SMTP_EMAIL_ADDRESS } from '../../core/generated/proptags.js';
import { STATUS_PRIMARY_IDENTITY } from '../../core/generated/constants.js';
import { MAPI_E_UNCONFIGURED } from '../../core/generated/scodes.js';
import type { MemoryServer } from './MemoryServer.js';

/** PR_SERVICE_NAME of the in-memory mailbox service. */
export const MEMORY_STORE_SERVICE = 'MAPIEMU_MEMSTORE';

/** PR_MDB_PROVIDER of in-memory mailboxes (mapi-emu's own store type MAPIUID). */
export const MEMORY_STORE_MDB_PROVIDER: Uint8Array = GUID.parse('{6D617069-656D-7500-8000-6D656D737472}').bytes;

function text(section: ReadonlyMap<number, SPropValue>, tag: number): string | undefined {
  const v = section.get(PROP_ID(tag))?.Value;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The SMTP address of a PR_PROFILE_USER_SMTP_EMAIL_ADDRESS value (Exchange profiles write it as `=SMTP:addr` or `SMTP:addr`). */
function smtpAddress(v: string | undefined): string | undefined {
  return v?.replace(/^=?SMTP:/i, '');
}

/** The mailbox a section names, or MAPI_E_UNCONFIGURED. */
function mailboxOf(section: ReadonlyMap<number, SPropValue>, where: string): string {
  const id = text(section, PR_PROFILE_MAILBOX);
  if (!id) throw new MapiError(MAPI_E_UNCONFIGURED, `${where}: the ${MEMORY_STORE_SERVICE} service has no PR_PROFILE_MAILBOX (configure it with configureMsgService)`);
  return id;
}

/** The user's display name a section records (PR_IDENTITY_DISPLAY), or the mailbox identifier. */
function userOf(section: ReadonlyMap<number, SPropValue>, id: string): string {
  return text(section, PR_IDENTITY_DISPLAY) ?? id;
}

/**
 * The in-memory mailbox service: one store provider that logs on to the mailbox of a
 * {@link MemoryServer} named by PR_PROFILE_MAILBOX, the property Exchange profiles keep the
 * mailbox in. A mailbox that does not exist yet is created at the first logon, with the
 * default folders. The service can supply the primary identity (an SMTP one-off).
 *
 * Configuration (configureMsgService properties):
 * - PR_PROFILE_MAILBOX (required): the mailbox identifier, e.g. `alice`;
 * - PR_DISPLAY_NAME: the user's display name [the mailbox identifier], kept as
 *   PR_IDENTITY_DISPLAY in the service's section; the store is called `Mailbox - <name>`
 *   as Exchange mailboxes are;
 * - PR_PROFILE_USER_SMTP_EMAIL_ADDRESS: the user's SMTP address for the identity [the
 *   mailbox identifier].
 *
 * @example
 * const uid = await admin.createMsgServiceEx(MEMORY_STORE_SERVICE, null, 0);
 * await admin.configureMsgService(uid, 0, [{ ulPropTag: PR_PROFILE_MAILBOX, Value: 'alice' }]);
 */
export function memoryStoreService(server: MemoryServer): MessageServiceDefinition {
  return {
    name: MEMORY_STORE_SERVICE,
    displayName: 'Mailbox (in-memory)',
    providers: [
      {
        kind: 'store',
        name: 'MAPIEMU_MEMSTORE_MS',
        displayName: 'In-memory mailbox',
        resourceFlags: STATUS_PRIMARY_IDENTITY,
        store: {
          mdbProvider: MEMORY_STORE_MDB_PROVIDER,
          async logon(_support, info) {
            const id = mailboxOf(info.profileSection, 'openMsgStore');
            const box = server.mailbox(id, `Mailbox - ${userOf(info.profileSection, id)}`);
            return { backend: box.backend, displayName: box.displayName, isNew: box.isNew };
          },
        },
        identity(section): ProviderIdentity | undefined {
          const id = text(section, PR_PROFILE_MAILBOX);
          if (!id) return undefined;
          return { displayName: userOf(section, id), addressType: 'SMTP', emailAddress: smtpAddress(text(section, PR_PROFILE_USER_SMTP_EMAIL_ADDRESS)) ?? id };
        },
      },
    ],
    configure(ctx: ServiceConfigureContext): ServiceConfiguration {
      const id = mailboxOf(ctx.settings, 'configureMsgService');
      // PR_DISPLAY_NAME of the service section is the service's own name: only a passed one names the user.
      const passed = ctx.props.find((p) => PROP_ID(p.ulPropTag) === PROP_ID(PR_DISPLAY_NAME))?.Value;
      const user = typeof passed === 'string' && passed !== '' ? passed : userOf(ctx.settings, id);
      const service: SPropValue[] = [
        { ulPropTag: PR_PROFILE_MAILBOX, Value: id },
        { ulPropTag: PR_IDENTITY_DISPLAY, Value: user },
      ];
      const smtp = text(ctx.settings, PR_PROFILE_USER_SMTP_EMAIL_ADDRESS);
      if (smtp) service.push({ ulPropTag: PR_PROFILE_USER_SMTP_EMAIL_ADDRESS, Value: smtp });
      // The store provider's PR_DISPLAY_NAME names the store in the message store table (as EMSMDB's does).
      return { service, providers: { 0: [{ ulPropTag: PR_DISPLAY_NAME, Value: `Mailbox - ${user}` }] } };
    },
  };
}
