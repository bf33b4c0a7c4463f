import type { GUID } from '../props/guid.js';
import type { ENTRYID, SPropValue } from '../props/types.js';
import type { IMAPIStatus } from './interfaces.js';
import { MapiProp, checkFlags } from '../props/MapiProp.js';
import { MapiError } from '../errors/MapiError.js';
import { PROP_ID } from '../props/tags.js';
import { cloneProp } from '../props/values.js';
import { IID_IMAPIProp, IID_IMAPIStatus } from '../generated/guids.js';
import {
  ABORT_XP_HEADER_OPERATION,
  CONFIG_CHANGED,
  FLUSH_ASYNC_OK,
  FLUSH_DOWNLOAD,
  FLUSH_FORCE,
  FLUSH_NO_UI,
  FLUSH_UPLOAD,
  FORCE_XP_CONNECT,
  FORCE_XP_DISCONNECT,
  MAPI_STATUS,
  MAPI_UNICODE,
  PROCESS_XP_HEADER_CACHE,
  REFRESH_XP_HEADER_CACHE,
  SHOW_XP_SESSION_UI,
  STATUS_FLUSH_QUEUES,
  STATUS_VALIDATE_STATE,
  SUPPRESS_UI,
  UI_READONLY,
} from '../generated/constants.js';
import { PR_RESOURCE_METHODS } from '../generated/proptags.js';
import { MAPI_E_INVALID_PARAMETER, MAPI_E_NO_SUPPORT } from '../generated/scodes.js';
import type { CallInterceptor } from '../props/MapiUnknown.js';

const VALIDATE_FLAGS =
  SUPPRESS_UI | REFRESH_XP_HEADER_CACHE | PROCESS_XP_HEADER_CACHE | FORCE_XP_CONNECT | FORCE_XP_DISCONNECT | CONFIG_CHANGED | ABORT_XP_HEADER_OPERATION | SHOW_XP_SESSION_UI;
const FLUSH_FLAGS = FLUSH_UPLOAD | FLUSH_DOWNLOAD | FLUSH_FORCE | FLUSH_NO_UI | FLUSH_ASYNC_OK;

/** What a status object's ValidateState / FlushQueues do (the spooler's and transports' status objects). */
export interface StatusActions {
  validateState?(flags: number): Promise<void>;
  flushQueues?(target: Uint8Array | null, flags: number): Promise<void>;
}

/**
 * A status object (IMAPIStatus) opened from a status-table row: its properties are the
 * row's, read-only (imapistatusimapiprop.md: MAPI's status objects have "a read-only version
 * of the methods of the IMAPIProp interface"); the methods it supports are those of
 * PR_RESOURCE_METHODS.
 * @see imapistatusimapiprop.md
 */
export class StatusObject extends MapiProp implements IMAPIStatus {
  readonly interfaceName = 'IMAPIStatus';
  protected readonly interfaceIds: readonly GUID[] = [IID_IMAPIProp, IID_IMAPIStatus];
  protected readonly objectType = MAPI_STATUS;

  constructor(
    props: Iterable<SPropValue>,
    codePage: number,
    interceptor: CallInterceptor | null,
    /** What ValidateState and FlushQueues do beyond their checks (the spooler's and transports' rows). */
    private readonly actions: StatusActions = {},
  ) {
    super(new Map([...props].map((p) => [PROP_ID(p.ulPropTag), cloneProp(p)])), { writable: false, codePage: () => codePage });
    this.interceptor = interceptor;
  }

  private methods(): number {
    const v = this.values.get(PROP_ID(PR_RESOURCE_METHODS))?.Value;
    return typeof v === 'number' ? v : 0;
  }

  validateState(ulFlags = 0): Promise<void> {
    return this.invoke('validateState', [ulFlags], () => {
      const flags = checkFlags('validateState', ulFlags, VALIDATE_FLAGS);
      // imapistatus-validatestate.md: MAPI_E_NO_SUPPORT without STATUS_VALIDATE_STATE in PR_RESOURCE_METHODS.
      if (!(this.methods() & STATUS_VALIDATE_STATE)) throw new MapiError(MAPI_E_NO_SUPPORT, 'validateState: this status object does not support ValidateState');
      // SHOW_XP_SESSION_UI: "Otherwise, ValidateState can return MAPI_E_NO_SUPPORT" — there is no UI.
      if (flags & SHOW_XP_SESSION_UI) throw new MapiError(MAPI_E_NO_SUPPORT, 'validateState: SHOW_XP_SESSION_UI needs a UI, which the emulator does not have');
      return this.actions.validateState?.(flags);
    });
  }

  settingsDialog(ulFlags = 0): Promise<void> {
    return this.invoke('settingsDialog', [ulFlags], () => {
      checkFlags('settingsDialog', ulFlags, UI_READONLY);
      // imapistatus-settingsdialog.md: "This method is not supported in status objects that MAPI implements"; a dialog is UI.
      throw new MapiError(MAPI_E_NO_SUPPORT, 'settingsDialog: configuration property sheets are UI, which the emulator does not have');
    });
  }

  changePassword(lpOldPass: string, lpNewPass: string, ulFlags = 0): Promise<void> {
    return this.invoke('changePassword', [lpOldPass, lpNewPass, ulFlags], () => {
      if (typeof lpOldPass !== 'string' || typeof lpNewPass !== 'string') throw new MapiError(MAPI_E_INVALID_PARAMETER, 'changePassword: both passwords must be strings');
      checkFlags('changePassword', ulFlags, MAPI_UNICODE);
      // imapistatus-changepassword.md: "None of the status objects that MAPI implements support the password change operation."
      throw new MapiError(MAPI_E_NO_SUPPORT, 'changePassword: this status object does not support ChangePassword');
    });
  }

  flushQueues(lpTargetTransport: ENTRYID | null, ulFlags = 0): Promise<void> {
    return this.invoke('flushQueues', [lpTargetTransport, ulFlags], () => {
      if (lpTargetTransport !== null && lpTargetTransport !== undefined && !(lpTargetTransport instanceof Uint8Array)) {
        throw new MapiError(MAPI_E_INVALID_PARAMETER, 'flushQueues: lpTargetTransport must be an entry ID or null');
      }
      const flags = checkFlags('flushQueues', ulFlags, FLUSH_FLAGS);
      if (!(this.methods() & STATUS_FLUSH_QUEUES)) throw new MapiError(MAPI_E_NO_SUPPORT, 'flushQueues: this status object does not support FlushQueues');
      // imapistatus-flushqueues.md: the spooler (or one transport) sends and receives what waits, now.
      return this.actions.flushQueues?.(lpTargetTransport ?? null, flags);
    });
  }
}
