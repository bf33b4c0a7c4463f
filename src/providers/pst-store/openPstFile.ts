import type { IMsgStore } from '../../core/store/interfaces.js';
import type { IMAPISession } from '../../core/session/interfaces.js';
import { MapiSubsystem, type MapiOptions } from '../../core/session/MapiSubsystem.js';
import { MapiError } from '../../core/errors/MapiError.js';
import { bytesEqual } from '../../core/props/values.js';
import { PR_ENTRYID, PR_PST_PATH, PR_SERVICE_UID } from '../../core/generated/proptags.js';
import { MAPI_BEST_ACCESS, MAPI_EXTENDED, MAPI_NEW_SESSION, MAPI_NO_MAIL, MDB_NO_DIALOG, MDB_WRITE } from '../../core/generated/constants.js';
import { MAPI_E_NOT_FOUND, MAPI_E_UNKNOWN_FLAGS } from '../../core/generated/scodes.js';
import { pstStoreService, PST_SERVICE_UNICODE, type PstServiceOptions } from './service.js';

/** Options of {@link openPstFile}. */
export interface OpenPstFileOptions extends MapiOptions {
  /** Where changes go: `sidecar` [default] (`<path>.mapiemu-overlay.json`) or `memory`. */
  overlay?: PstServiceOptions['overlay'];
}

/** What {@link openPstFileSession} opens: the store, and the session it lives in (log off to close). */
export interface OpenedPstFile {
  /** The store. */
  store: IMsgStore;
  /** The session holding it. */
  session: IMAPISession;
  /** The subsystem created for it. */
  mapi: MapiSubsystem;
  /** Logs off and uninitializes the subsystem. */
  close(): Promise<void>;
}

const KNOWN_FLAGS = MDB_WRITE | MDB_NO_DIALOG | MAPI_BEST_ACCESS;

/**
 * Opens a PST/OST file as an IMsgStore, the way a client would after adding it to a profile:
 * a private MAPI subsystem with the `MSUPST MS` service configured with PR_PST_PATH, a
 * logon and IMAPISession::OpenMsgStore. `MDB_WRITE` (or MAPI_BEST_ACCESS) opens it writable;
 * changes go to the overlay, never into the file.
 *
 * @param path the PST or OST file
 * @param flags MDB_WRITE, MAPI_BEST_ACCESS, MDB_NO_DIALOG
 * @throws MapiError MAPI_E_NOT_FOUND when the file does not exist, MAPI_E_CORRUPT_DATA when it is
 * damaged, MAPI_E_UNKNOWN_FLAGS for other flags
 * @example
 * const { store, close } = await openPstFileSession('archive.pst', MDB_WRITE);
 */
export async function openPstFileSession(path: string, flags = 0, options: OpenPstFileOptions = {}): Promise<OpenedPstFile> {
  if ((flags & ~KNOWN_FLAGS) !== 0) throw new MapiError(MAPI_E_UNKNOWN_FLAGS, `openPstFile: unknown flags 0x${(flags & ~KNOWN_FLAGS).toString(16)}`);
  const { overlay, ...mapiOptions } = options;
  const mapi = new MapiSubsystem(mapiOptions);
  await mapi.MAPIInitialize();
  try {
    const service = pstStoreService({ name: PST_SERVICE_UNICODE, ...(overlay ? { overlay } : {}) });
    mapi.registerService(service);
    const admin = await mapi.MAPIAdminProfiles(0);
    await admin.createProfile('pst', null, 0);
    const services = await admin.adminServices('pst', null, 0);
    const uid = await services.createMsgServiceEx(service.name, null, 0);
    await services.configureMsgService(uid, 0, [{ ulPropTag: PR_PST_PATH, Value: path }]);
    const session = await mapi.MAPILogonEx('pst', null, MAPI_EXTENDED | MAPI_NEW_SESSION | MAPI_NO_MAIL);
    const table = await session.getMsgStoresTable(0);
    await table.setColumns([PR_ENTRYID, PR_SERVICE_UID], 0);
    const row = (await table.queryRows(100, 0)).find((r) => {
      const svc = r.lpProps[1]?.Value;
      return svc instanceof Uint8Array && bytesEqual(svc, uid);
    });
    const entryId = row?.lpProps[0]?.Value;
    if (!(entryId instanceof Uint8Array)) throw new MapiError(MAPI_E_NOT_FOUND, 'openPstFile: the PST service lists no store');
    const store = await session.openMsgStore(entryId, null, MDB_NO_DIALOG | (flags & (MDB_WRITE | MAPI_BEST_ACCESS)));
    return {
      store,
      session,
      mapi,
      close: async () => {
        await session.logoff(0);
        await mapi.flushNotifications();
        mapi.MAPIUninitialize();
      },
    };
  } catch (e) {
    mapi.MAPIUninitialize();
    throw e;
  }
}

/**
 * Opens a PST/OST file as an IMsgStore (see {@link openPstFileSession}, which also hands out
 * the session). `storeLogoff` on the store ends its session.
 * @example
 * const store = await openPstFile('archive.pst', MDB_WRITE);
 * const inbox = await store.openEntry(null, null, 0);
 */
export async function openPstFile(path: string, flags = 0, options: OpenPstFileOptions = {}): Promise<IMsgStore> {
  return (await openPstFileSession(path, flags, options)).store;
}
