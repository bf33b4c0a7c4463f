/** IMessage and IAttach in the fake. */
import type { Pointer } from '../../../../src/providers/windows/abi/memory.js';
import { readRowSet } from '../../../../src/providers/windows/abi/rows.js';
import type { CreatedAttachment } from '../../../../src/core/store/interfaces.js';
import { S_OK } from '../../../../src/core/generated/scodes.js';
import type { FakeObj } from '../FakeMapi.js';
import { ptrArg, u32 } from '../nativeArgs.js';
import { type FakeImpl, type FakeImpls, outObject } from './common.js';
import { tableOut } from './container.js';
import { propImpls } from './prop.js';

/** IMessage's slots. */
export const messageImpls: FakeImpls = {
  ...propImpls,
  GetAttachmentTable: tableOut('getAttachmentTable'),
  OpenAttach: ((o: FakeObj, _t: Pointer, num: unknown, piid: unknown, flags: unknown, pp: unknown) => {
    o.fake.args.outPtr(pp, null);
    outObject(o, pp, o.call('openAttach', [u32(num), o.fake.args.guid(piid), u32(flags)]));
    return S_OK;
  }) as FakeImpl,
  CreateAttach: ((o: FakeObj, _t: Pointer, piid: unknown, flags: unknown, pNum: unknown, pp: unknown) => {
    o.fake.args.outPtr(pp, null);
    const v = o.call<CreatedAttachment>('createAttach', [o.fake.args.guid(piid), u32(flags)]);
    outObject(o, pp, v.attach);
    o.fake.args.outU32(pNum, v.ulAttachmentNum);
    return S_OK;
  }) as FakeImpl,
  DeleteAttach: ((o: FakeObj, _t: Pointer, num: unknown, _ui: unknown, _prog: unknown, flags: unknown) => (o.call('deleteAttach', [u32(num), null, u32(flags)]), S_OK)) as FakeImpl,
  GetRecipientTable: tableOut('getRecipientTable'),
  ModifyRecipients: ((o: FakeObj, _t: Pointer, flags: unknown, pList: unknown) => {
    const p = ptrArg(pList);
    const rows = p === null ? null : readRowSet(o.fake.mem, p, o.fake.ctx.codePage).map((r) => ({ rgPropVals: r.lpProps }));
    o.call('modifyRecipients', [u32(flags), rows]);
    return S_OK;
  }) as FakeImpl,
  SubmitMessage: ((o: FakeObj, _t: Pointer, flags: unknown) => (o.call('submitMessage', [u32(flags)]), S_OK)) as FakeImpl,
  SetReadFlag: ((o: FakeObj, _t: Pointer, flags: unknown) => (o.call('setReadFlag', [u32(flags)]), S_OK)) as FakeImpl,
};

/** IAttach has IMAPIProp's slots only. */
export const attachImpls: FakeImpls = { ...propImpls };
