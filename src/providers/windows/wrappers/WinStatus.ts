/**
 * IMAPIStatus over a native status object (MAPI-ABI-x64.md §3.1 IMAPIStatus).
 * @see imapistatusimapiprop.md
 */
import type { GUID } from '../../../core/props/guid.js';
import type { ENTRYID } from '../../../core/props/types.js';
import type { IMAPIStatus } from '../../../core/session/interfaces.js';
import { IID_IMAPIProp, IID_IMAPIStatus, IID_IUnknown } from '../../../core/generated/guids.js';
import type { Pointer } from '../abi/memory.js';
import { IMAPIStatus_VTBL } from '../com/vtables.js';
import type { WinRuntime } from './WinRuntime.js';
import { WinMapiProp } from './WinMapiProp.js';
import { type WinUnknown, u32, unicode } from './WinUnknown.js';

/** IMAPIStatus. */
export class WinStatus extends WinMapiProp implements IMAPIStatus {
  constructor(rt: WinRuntime, ptr: Pointer) {
    super(rt, ptr, IMAPIStatus_VTBL, 'IMAPIStatus');
  }

  protected override baseInterfaces(): readonly GUID[] {
    return [IID_IUnknown, IID_IMAPIProp, IID_IMAPIStatus];
  }

  protected override rewrap(ptr: Pointer): WinUnknown {
    return new WinStatus(this.rt, ptr);
  }

  /** @see imapistatus-validatestate.md */
  validateState(ulFlags = 0): Promise<void> {
    return this.run('validateState', () => {
      this.hr('ValidateState', 0n, u32(ulFlags));
    });
  }

  /** @see imapistatus-settingsdialog.md */
  settingsDialog(ulFlags = 0): Promise<void> {
    return this.run('settingsDialog', () => {
      this.hr('SettingsDialog', 0n, u32(ulFlags));
    });
  }

  /** Passwords are passed as UTF-16 (MAPI_UNICODE). @see imapistatus-changepassword.md */
  changePassword(lpOldPass: string, lpNewPass: string, ulFlags = 0): Promise<void> {
    return this.run('changePassword', () => {
      const a = this.args();
      const o = a.wstr(lpOldPass);
      const n = a.wstr(lpNewPass);
      try {
        this.hr('ChangePassword', a.p(o), a.p(n), unicode(ulFlags));
      } finally {
        a.free();
      }
    });
  }

  /** @see imapistatus-flushqueues.md */
  flushQueues(lpTargetTransport: ENTRYID | null, ulFlags = 0): Promise<void> {
    return this.run('flushQueues', () => {
      const a = this.args();
      const t = a.bytes(lpTargetTransport);
      try {
        this.hr('FlushQueues', 0n, lpTargetTransport?.length ?? 0, a.p(t), u32(ulFlags));
      } finally {
        a.free();
      }
    });
  }
}
