/**
 * IMessage and IAttach over native objects (MAPI-ABI-x64.md §3.1). ModifyRecipients gets its
 * ADRLIST in MAPI memory with each entry's properties a separate block (§6.1: MAPI may free
 * and replace entries), and the backend frees the list with FreePadrlist afterwards.
 * @see imessageimapiprop.md
 */
import type { GUID } from '../../../core/props/guid.js';
import type { IMAPIProgress } from '../../../core/props/interfaces.js';
import type { ADRLIST } from '../../../core/props/types.js';
import type { IMAPITable } from '../../../core/table/interfaces.js';
import type { CreatedAttachment, IAttach, IMessage } from '../../../core/store/interfaces.js';
import { MapiError } from '../../../core/errors/MapiError.js';
import { IID_IAttachment, IID_IMAPIProp, IID_IMAPITable, IID_IMessage, IID_IUnknown } from '../../../core/generated/guids.js';
import { MAPI_E_INVALID_PARAMETER } from '../../../core/generated/scodes.js';
import type { Pointer } from '../abi/memory.js';
import { encodeRowSet } from '../abi/rows.js';
import { IAttach_VTBL, IMessage_VTBL } from '../com/vtables.js';
import type { WinRuntime } from './WinRuntime.js';
import { WinMapiProp } from './WinMapiProp.js';
import { type WinUnknown, u32 } from './WinUnknown.js';

/** IMessage. */
export class WinMessage extends WinMapiProp implements IMessage {
  constructor(rt: WinRuntime, ptr: Pointer) {
    super(rt, ptr, IMessage_VTBL, 'IMessage');
  }

  protected override baseInterfaces(): readonly GUID[] {
    return [IID_IUnknown, IID_IMAPIProp, IID_IMessage];
  }

  protected override rewrap(ptr: Pointer): WinUnknown {
    return new WinMessage(this.rt, ptr);
  }

  /** @see imessage-getattachmenttable.md */
  getAttachmentTable(ulFlags = 0): Promise<IMAPITable> {
    return this.run('getAttachmentTable', () =>
      this.wrapOut<IMAPITable>(this.hrOut('GetAttachmentTable', 1, (c) => [u32(ulFlags), c(0)]).out.ptr(0), { iid: IID_IMAPITable, fallback: 'IMAPITable' }, 'getAttachmentTable'),
    );
  }

  /** @see imessage-openattach.md */
  openAttach(ulAttachmentNum: number, lpInterface: GUID | null, ulFlags = 0): Promise<IAttach> {
    return this.run('openAttach', () => {
      const a = this.args();
      const iid = a.guid(lpInterface);
      try {
        const { out } = this.hrOut('OpenAttach', 1, (c) => [u32(ulAttachmentNum), a.p(iid), u32(ulFlags), c(0)]);
        return this.wrapOut<IAttach>(out.ptr(0), { iid: lpInterface ?? IID_IAttachment, fallback: 'IAttach' }, 'openAttach');
      } finally {
        a.free();
      }
    });
  }

  /** @see imessage-createattach.md */
  createAttach(lpInterface: GUID | null, ulFlags = 0): Promise<CreatedAttachment> {
    return this.run('createAttach', () => {
      const a = this.args();
      const iid = a.guid(lpInterface);
      try {
        const { out } = this.hrOut('CreateAttach', 2, (c) => [a.p(iid), u32(ulFlags), c(0), c(1)]);
        const attach = this.wrapOut<IAttach>(out.ptr(1), { iid: lpInterface ?? IID_IAttachment, fallback: 'IAttach' }, 'createAttach');
        return { ulAttachmentNum: out.u32(0), attach };
      } finally {
        a.free();
      }
    });
  }

  /** @see imessage-deleteattach.md */
  deleteAttach(ulAttachmentNum: number, lpProgress: IMAPIProgress | null, ulFlags = 0): Promise<void> {
    return this.run('deleteAttach', () => {
      const prog = this.beginProgress(lpProgress);
      try {
        this.hr('DeleteAttach', u32(ulAttachmentNum), 0n, prog, u32(ulFlags));
      } finally {
        this.endProgress(prog);
      }
    });
  }

  /** @see imessage-getrecipienttable.md */
  getRecipientTable(ulFlags = 0): Promise<IMAPITable> {
    return this.run('getRecipientTable', () =>
      this.wrapOut<IMAPITable>(this.hrOut('GetRecipientTable', 1, (c) => [u32(ulFlags), c(0)]).out.ptr(0), { iid: IID_IMAPITable, fallback: 'IMAPITable' }, 'getRecipientTable'),
    );
  }

  /** @see imessage-modifyrecipients.md */
  modifyRecipients(ulFlags: number, lpMods: ADRLIST): Promise<void> {
    return this.run('modifyRecipients', () => {
      if (!Array.isArray(lpMods)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'IMessage.modifyRecipients: lpMods must be an ADRLIST (array of { rgPropVals })');
      const list = encodeRowSet(this.rt, lpMods.map((e) => e?.rgPropVals as never));
      try {
        this.hr('ModifyRecipients', u32(ulFlags), list);
      } finally {
        // imessage-modifyrecipients.md: the caller frees the list (MAPI may have replaced entries).
        this.rt.lib.FreePadrlist(list);
      }
    });
  }

  /** @see imessage-submitmessage.md */
  submitMessage(ulFlags = 0): Promise<void> {
    return this.run('submitMessage', () => {
      this.hr('SubmitMessage', u32(ulFlags));
    });
  }

  /** @see imessage-setreadflag.md */
  setReadFlag(ulFlags = 0): Promise<void> {
    return this.run('setReadFlag', () => {
      this.hr('SetReadFlag', u32(ulFlags));
    });
  }
}

/** IAttach (IID_IAttachment): IMAPIProp with nothing of its own. */
export class WinAttach extends WinMapiProp implements IAttach {
  constructor(rt: WinRuntime, ptr: Pointer) {
    super(rt, ptr, IAttach_VTBL, 'IAttach');
  }

  protected override baseInterfaces(): readonly GUID[] {
    return [IID_IUnknown, IID_IMAPIProp, IID_IAttachment];
  }

  protected override rewrap(ptr: Pointer): WinUnknown {
    return new WinAttach(this.rt, ptr);
  }
}
