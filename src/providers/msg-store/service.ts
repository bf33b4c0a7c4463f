import { resolve } from 'node:path';
import type { SPropValue } from '../../core/props/types.js';
import type { MessageServiceDefinition, ServiceConfigureContext, ServiceConfiguration } from '../../core/spi/services.js';
import { MapiError } from '../../core/errors/MapiError.js';
import { GUID } from '../../core/props/guid.js';
import { PROP_ID } from '../../core/props/tags.js';
import { PR_DISPLAY_NAME, PR_PST_PATH_W } from '../../core/generated/proptags.js';
import { MAPI_E_UNCONFIGURED } from '../../core/generated/scodes.js';
import { MsgStoreBackend, type MsgStoreOptions } from './MsgStoreBackend.js';

/** PR_SERVICE_NAME of the .msg-directory store service. */
export const MSG_STORE_SERVICE = 'MAPIEMU_MSGSTORE';

/** PR_MDB_PROVIDER of .msg-directory stores (mapi-emu's own store type MAPIUID). */
export const MSG_STORE_MDB_PROVIDER: Uint8Array = GUID.parse('{6D617069-656D-7500-8000-6D7367737472}').bytes;

/**
 * The store directory in the service's profile section: the property file-based stores keep
 * their location in, PR_PST_PATH_W (mspst.h), under a name that says what it holds here (a
 * PT_STRING8 value is accepted too).
 */
export const PR_MSGSTORE_PATH_W: number = PR_PST_PATH_W;

function text(section: ReadonlyMap<number, SPropValue>, tag: number): string | undefined {
  const v = section.get(PROP_ID(tag))?.Value;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function pathOf(section: ReadonlyMap<number, SPropValue>, where: string): string {
  const p = text(section, PR_MSGSTORE_PATH_W);
  if (!p) throw new MapiError(MAPI_E_UNCONFIGURED, `${where}: the ${MSG_STORE_SERVICE} service has no PR_MSGSTORE_PATH_W (configure it with configureMsgService)`);
  return resolve(p);
}

/** The last component of a path, for a store's default name. */
function baseName(p: string): string {
  return p.split(/[\\/]/).filter((x) => x !== '').pop() ?? p;
}

/** Options of {@link msgStoreService}: how its stores write and whether tables use the index summaries (see {@link MsgStoreOptions}). */
export type MsgStoreServiceOptions = Pick<MsgStoreOptions, 'durable' | 'cacheSize' | 'hooks' | 'summaries' | 'onDecode'>;

/**
 * The .msg-directory store service: one store provider that keeps a message store as a
 * directory tree of Outlook .msg files (docs/msg-store.md), at the path PR_MSGSTORE_PATH_W of
 * its profile section names. A directory without a store is made one at the first logon, with
 * the default folders. Logons of one service definition to the same directory share one
 * backend (and see files changed by hand: the store looks again at each logon).
 *
 * Configuration (configureMsgService properties):
 * - PR_MSGSTORE_PATH_W (required): the store directory;
 * - PR_DISPLAY_NAME: the store's name in the message store table [the directory's name].
 *
 * @example
 * mapi.registerService(msgStoreService());
 * const uid = await admin.createMsgServiceEx(MSG_STORE_SERVICE, null, 0);
 * await admin.configureMsgService(uid, 0, [{ ulPropTag: PR_MSGSTORE_PATH_W, Value: '/data/mail' }]);
 */
export function msgStoreService(options: MsgStoreServiceOptions = {}): MessageServiceDefinition {
  const open = new Map<string, MsgStoreBackend>();
  return {
    name: MSG_STORE_SERVICE,
    displayName: 'Outlook item files (.msg directory)',
    providers: [
      {
        kind: 'store',
        name: 'MAPIEMU_MSGSTORE_MS',
        displayName: '.msg directory store',
        store: {
          mdbProvider: MSG_STORE_MDB_PROVIDER,
          async logon(support, info) {
            const dir = pathOf(info.profileSection, 'openMsgStore');
            let backend = open.get(dir);
            let isNew = false;
            if (backend) backend.refresh();
            else {
              backend = MsgStoreBackend.open(dir, { ...options, ids: support.ids, clock: support.clock });
              open.set(dir, backend);
              isNew = backend.isNew;
            }
            return { backend, displayName: text(info.profileSection, PR_DISPLAY_NAME) ?? baseName(dir), isNew };
          },
        },
      },
    ],
    configure(ctx: ServiceConfigureContext): ServiceConfiguration {
      const dir = pathOf(ctx.settings, 'configureMsgService');
      const passed = ctx.props.find((p) => PROP_ID(p.ulPropTag) === PROP_ID(PR_DISPLAY_NAME))?.Value;
      const name = typeof passed === 'string' && passed !== '' ? passed : baseName(dir);
      return {
        service: [{ ulPropTag: PR_MSGSTORE_PATH_W, Value: dir }],
        providers: { 0: [{ ulPropTag: PR_MSGSTORE_PATH_W, Value: dir }, { ulPropTag: PR_DISPLAY_NAME, Value: name }] },
      };
    },
  };
}
