import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SPropValue } from '../../core/props/types.js';
import type { MessageServiceDefinition, ServiceConfigureContext, ServiceConfiguration } from '../../core/spi/services.js';
import { MapiError } from '../../core/errors/MapiError.js';
import { PROP_ID } from '../../core/props/tags.js';
import { PR_DISPLAY_NAME, PR_DISPLAY_NAME_W, PR_PST_PATH, PR_PST_PATH_A } from '../../core/generated/proptags.js';
import { MAPI_E_CORRUPT_DATA, MAPI_E_LOGON_FAILED, MAPI_E_NOT_FOUND, MAPI_E_UNCONFIGURED } from '../../core/generated/scodes.js';
import { openPst } from '../../formats/pst/messaging/PstFile.js';
import { PstBackend } from './PstBackend.js';

/** PR_SERVICE_NAME of the Unicode PST service (Outlook's `MSUPST MS`). */
export const PST_SERVICE_UNICODE = 'MSUPST MS';
/** PR_SERVICE_NAME of the ANSI PST service (Outlook's `MSPST MS`). */
export const PST_SERVICE_ANSI = 'MSPST MS';

/**
 * PR_MDB_PROVIDER of PST stores: MSPST_UID_PROVIDER of mspst.h,
 * {4154494E-BFF9-01B8-00AA-0037D96E0000} (about-registering-stores-for-indexing.md). Not in the
 * generated GUID table, so defined here. Both services use it.
 */
export const MSPST_UID_PROVIDER: Uint8Array = Uint8Array.of(0x4e, 0x49, 0x54, 0x41, 0xf9, 0xbf, 0xb8, 0x01, 0x00, 0xaa, 0x00, 0x37, 0xd9, 0x6e, 0x00, 0x00);

/** Suffix of the overlay sidecar kept next to a PST (`archive.pst` → `archive.pst.mapiemu-overlay.json`). */
export const PST_SIDECAR_SUFFIX = '.mapiemu-overlay.json';

/** Options of {@link pstStoreService}. */
export interface PstServiceOptions {
  /** `MSUPST MS` (default) or `MSPST MS`. */
  name?: typeof PST_SERVICE_UNICODE | typeof PST_SERVICE_ANSI;
  /**
   * Where the overlay of changes lives: `sidecar` (default) persists it to
   * `<path>.mapiemu-overlay.json` and loads it at the next logon; `memory` keeps it for the
   * life of the service only.
   */
  overlay?: 'sidecar' | 'memory';
}

function text(section: ReadonlyMap<number, SPropValue>, tag: number): string | undefined {
  const v = section.get(PROP_ID(tag))?.Value;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The PST path a section names, or MAPI_E_UNCONFIGURED. */
function pathOf(section: ReadonlyMap<number, SPropValue>, where: string, service: string): string {
  const path = text(section, PR_PST_PATH) ?? text(section, PR_PST_PATH_A);
  if (!path) throw new MapiError(MAPI_E_UNCONFIGURED, `${where}: the ${service} service has no PR_PST_PATH (configure it with configureMsgService)`);
  return path;
}

/**
 * The PST message service (`MSUPST MS`, or `MSPST MS` for ANSI files), configured the way
 * Outlook's is: PR_PST_PATH names the file. The store reads the file on demand and keeps
 * every change made through MAPI in an overlay (see {@link PstBackend}); the file itself is
 * never written. A file that does not exist answers MAPI_E_NOT_FOUND at logon (creating PST
 * files is not supported yet). Logons of one service instance to the same path share one
 * backend, so several sessions see each other's changes.
 *
 * Configuration (configureMsgService properties):
 * - PR_PST_PATH (required): the file;
 * - PR_DISPLAY_NAME: the store's name [the store's own PR_DISPLAY_NAME].
 *
 * @example
 * const uid = await admin.createMsgServiceEx('MSUPST MS', null, 0);
 * await admin.configureMsgService(uid, 0, [{ ulPropTag: PR_PST_PATH, Value: '/data/archive.pst' }]);
 */
export function pstStoreService(options: PstServiceOptions = {}): MessageServiceDefinition {
  const name = options.name ?? PST_SERVICE_UNICODE;
  const backends = new Map<string, PstBackend>();
  return {
    name,
    displayName: 'Personal Folders',
    providers: [
      {
        kind: 'store',
        name,
        displayName: 'Personal Folders',
        dllName: 'mspst.dll',
        store: {
          mdbProvider: MSPST_UID_PROVIDER,
          async logon(support, info) {
            const path = resolve(pathOf(info.profileSection, 'openMsgStore', name));
            let backend = backends.get(path);
            if (!backend) {
              if (!existsSync(path)) throw new MapiError(MAPI_E_NOT_FOUND, `openMsgStore: the PST file ${path} does not exist (creating PST files is not supported)`);
              let file;
              try {
                file = openPst(path, { acp: support.codePage });
              } catch (e) {
                if (e instanceof MapiError && e.scode === MAPI_E_CORRUPT_DATA) throw e;
                throw new MapiError(MAPI_E_LOGON_FAILED, `openMsgStore: cannot open ${path}: ${e instanceof Error ? e.message : String(e)}`);
              }
              backend = new PstBackend(file, options.overlay === 'memory' ? {} : { sidecarPath: path + PST_SIDECAR_SUFFIX });
              backends.set(path, backend);
            }
            const stored = backend.storeProps().get(PROP_ID(PR_DISPLAY_NAME_W))?.Value;
            const configured = text(info.profileSection, PR_DISPLAY_NAME);
            const displayName = configured && configured !== 'Personal Folders' ? configured : typeof stored === 'string' ? stored : 'Personal Folders';
            return { backend, displayName, isNew: false };
          },
        },
      },
    ],
    configure(ctx: ServiceConfigureContext): ServiceConfiguration {
      const path = pathOf(ctx.settings, 'configureMsgService', name);
      const service: SPropValue[] = [{ ulPropTag: PR_PST_PATH, Value: path }];
      const passed = ctx.props.find((p) => PROP_ID(p.ulPropTag) === PROP_ID(PR_DISPLAY_NAME))?.Value;
      // The store provider's PR_DISPLAY_NAME names the store in the message store table.
      if (typeof passed === 'string' && passed !== '') return { service, providers: { 0: [{ ulPropTag: PR_DISPLAY_NAME, Value: passed }] } };
      return { service };
    },
  };
}
