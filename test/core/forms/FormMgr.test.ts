import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { World } from '../../../src/fixtures/index.js';
import {
  FORMPROPSET_INTERSECTION,
  FORMPROPSET_UNION,
  HFRMREG_DEFAULT,
  HFRMREG_FOLDER,
  HFRMREG_LOCAL,
  HFRMREG_PERSONAL,
  MAPIFORM_EXACTMATCH,
  MAPIOpenFormMgr,
  type FormVerbContext,
  type IMAPIFormContainer,
  type IMAPIFormInfo,
} from '../../../src/core/forms/index.js';
import type { IMessage } from '../../../src/core/store/interfaces.js';
import { GUID } from '../../../src/core/props/guid.js';
import { PS_PUBLIC_STRINGS, IID_IMAPIForm, IID_IMessage } from '../../../src/core/generated/guids.js';
import { PR_DISPLAY_NAME_W, PR_MESSAGE_CLASS_W, PR_SUBJECT_W } from '../../../src/core/generated/proptags.js';
import { PT_LONG, PT_UNICODE } from '../../../src/core/generated/proptypes.js';
import { MAPI_DIALOG, MSGSTATUS_IN_CONFLICT, KEEP_OPEN_READWRITE } from '../../../src/core/generated/constants.js';
import { inbox, makeWorld, recordingForm, scodeOf, subfolder, user, type FormsUser } from './helpers.js';

let world: World<string>;
let alice: FormsUser;
beforeEach(async () => {
  world = await makeWorld();
  alice = await user(world, 'alice');
});
afterEach(async () => {
  await world.dispose();
});

const classOf = async (info: IMAPIFormInfo | null) => (info ? (await info.getProps([PR_MESSAGE_CLASS_W], 0))[0]?.Value : null);
const containerOf = async (info: IMAPIFormInfo) => (await info.openFormContainer()).getDisplay(0);

describe('MAPIOpenFormMgr', () => {
  it('opens a form manager on a session', async () => {
    const mgr = await MAPIOpenFormMgr(alice.session);
    expect(await mgr.queryInterface(IID_IMAPIForm).catch(() => 'no')).toBe('no');
  });

  it('rejects what is not a session with MAPI_E_INVALID_PARAMETER and a logged-off session with MAPI_E_INVALID_OBJECT', async () => {
    expect(await scodeOf(MAPIOpenFormMgr({} as never))).toBe('MAPI_E_INVALID_PARAMETER');
    const s = await world.logon('bob');
    const mgr = await MAPIOpenFormMgr(s);
    await s.logoff(0);
    expect(await scodeOf(MAPIOpenFormMgr(s))).toBe('MAPI_E_INVALID_OBJECT');
    expect(await scodeOf(mgr.openFormContainer(HFRMREG_LOCAL, null))).toBe('MAPI_E_INVALID_OBJECT');
  });

  it('answers MAPI_E_NO_SUPPORT for a session that is not one of the emulator (another IMAPISession implementation)', async () => {
    // A session of another implementation (e.g. the Windows backend): the IMAPISession methods, delegating to a real session.
    const real = await world.logon('bob');
    const foreign = Object.fromEntries(['getMsgStoresTable', 'openMsgStore', 'openEntry', 'logoff', 'compareEntryIDs', 'queryIdentity'].map((m) => [m, (...args: unknown[]) => (real as unknown as Record<string, (...a: unknown[]) => unknown>)[m]!(...args)]));
    const err = await MAPIOpenFormMgr(foreign as never).catch((e: unknown) => e);
    expect(await scodeOf(Promise.reject(err))).toBe('MAPI_E_NO_SUPPORT');
    expect(String((err as Error).message)).toMatch(/emulator/);
  });
});

describe('IMAPIFormMgr.resolveMessageClass', () => {
  it('falls back from IPM.Note.Custom to IPM.Note to IPM', async () => {
    const local = await alice.mgr.openFormContainer(HFRMREG_LOCAL, null);
    await local.installForm(0, 0, recordingForm('IPM'));
    expect(await classOf(await alice.mgr.resolveMessageClass('IPM.Note.Custom', 0, null))).toBe('IPM');
    await local.installForm(0, 0, recordingForm('IPM.Note'));
    expect(await classOf(await alice.mgr.resolveMessageClass('IPM.Note.Custom', 0, null))).toBe('IPM.Note');
    await local.installForm(0, 0, recordingForm('IPM.Note.Custom'));
    expect(await classOf(await alice.mgr.resolveMessageClass('ipm.note.CUSTOM', 0, null))).toBe('IPM.Note.Custom');
  });

  it('answers MAPI_E_NOT_FOUND without a form, and with MAPIFORM_EXACTMATCH for a base class only', async () => {
    expect(await scodeOf(alice.mgr.resolveMessageClass('IPM.Note', 0, null))).toBe('MAPI_E_NOT_FOUND');
    await (await alice.mgr.openFormContainer(HFRMREG_PERSONAL, null)).installForm(0, 0, recordingForm('IPM.Note'));
    expect(await scodeOf(alice.mgr.resolveMessageClass('IPM.Note.Custom', MAPIFORM_EXACTMATCH, null))).toBe('MAPI_E_NOT_FOUND');
    expect(await classOf(await alice.mgr.resolveMessageClass('IPM.Note', MAPIFORM_EXACTMATCH, null))).toBe('IPM.Note');
  });

  it('searches the local container, then the folder in focus, then the personal one', async () => {
    const folder = await subfolder(alice.store, 'Help Desk');
    const local = await alice.mgr.openFormContainer(HFRMREG_LOCAL, null);
    const personal = await alice.mgr.openFormContainer(HFRMREG_PERSONAL, null);
    const inFolder = await alice.mgr.openFormContainer(HFRMREG_FOLDER, folder);
    for (const c of [personal, inFolder, local]) await c.installForm(0, 0, recordingForm('IPM.Help'));
    expect(await containerOf(await alice.mgr.resolveMessageClass('IPM.Help', 0, folder))).toBe('Local Forms');
    await local.removeForm('IPM.Help');
    expect(await containerOf(await alice.mgr.resolveMessageClass('IPM.Help', 0, folder))).toBe('Help Desk');
    // Without a folder in focus, the folder container is not searched.
    expect(await containerOf(await alice.mgr.resolveMessageClass('IPM.Help', 0, null))).toBe('Personal Forms');
  });

  it('prefers the most specific class in any container to a base class in an earlier one', async () => {
    await (await alice.mgr.openFormContainer(HFRMREG_LOCAL, null)).installForm(0, 0, recordingForm('IPM.Note'));
    await (await alice.mgr.openFormContainer(HFRMREG_PERSONAL, null)).installForm(0, 0, recordingForm('IPM.Note.Custom'));
    expect(await classOf(await alice.mgr.resolveMessageClass('IPM.Note.Custom.Sub', 0, null))).toBe('IPM.Note.Custom');
  });

  it('rejects a malformed class, unknown flags and a non-folder focus', async () => {
    expect(await scodeOf(alice.mgr.resolveMessageClass('', 0, null))).toBe('MAPI_E_INVALID_PARAMETER');
    expect(await scodeOf(alice.mgr.resolveMessageClass('IPM..x', 0, null))).toBe('MAPI_E_INVALID_PARAMETER');
    expect(await scodeOf(alice.mgr.resolveMessageClass('IPM', 0x1, null))).toBe('MAPI_E_UNKNOWN_FLAGS');
    expect(await scodeOf(alice.mgr.resolveMessageClass('IPM', 0, {} as never))).toBe('MAPI_E_INVALID_PARAMETER');
  });

  it('resolves as a plain model does: class chain outermost, containers in order', async () => {
    const folder = await subfolder(alice.store, 'Model');
    const containers: [string, IMAPIFormContainer][] = [
      ['Local Forms', await alice.mgr.openFormContainer(HFRMREG_LOCAL, null)],
      ['Model', await alice.mgr.openFormContainer(HFRMREG_FOLDER, folder)],
      ['Personal Forms', await alice.mgr.openFormContainer(HFRMREG_PERSONAL, null)],
    ];
    const cls = fc.constantFrom('IPM', 'IPM.Note', 'IPM.Note.A', 'IPM.Note.A.B', 'IPM.Post', 'IPM.Note.B');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), cls), { maxLength: 8 }), cls, fc.boolean(), fc.boolean(), async (installs, query, exact, withFolder) => {
        const model = containers.map(() => new Set<string>());
        for (const [i, c] of installs) {
          await containers[i]![1].installForm(0, 0, recordingForm(c));
          model[i]!.add(c);
        }
        const parts = query.split('.');
        const chain = exact ? [query] : parts.map((_, n) => parts.slice(0, parts.length - n).join('.'));
        const order = withFolder ? [0, 1, 2] : [0, 2];
        let expected: [string, string] | undefined;
        for (const c of chain) {
          const i = order.find((k) => model[k]!.has(c));
          if (i !== undefined) {
            expected = [c, containers[i]![0]];
            break;
          }
        }
        const got = await alice.mgr.resolveMessageClass(query, exact ? MAPIFORM_EXACTMATCH : 0, withFolder ? folder : null).catch(() => undefined);
        expect(got ? [await classOf(got), await containerOf(got)] : undefined).toEqual(expected);
        for (const [i, set] of model.entries()) for (const c of set) await containers[i]![1].removeForm(c);
      }),
      { numRuns: 60 },
    );
  });
});

describe('IMAPIFormMgr.resolveMultipleMessageClasses', () => {
  it('answers null for a class that does not resolve, and every form for a null array', async () => {
    const local = await alice.mgr.openFormContainer(HFRMREG_LOCAL, null);
    const personal = await alice.mgr.openFormContainer(HFRMREG_PERSONAL, null);
    await local.installForm(0, 0, recordingForm('IPM.Note'));
    await personal.installForm(0, 0, recordingForm('IPM.Note'));
    await personal.installForm(0, 0, recordingForm('IPM.Task'));
    const infos = await alice.mgr.resolveMultipleMessageClasses(['IPM.Note.X', 'Report.Other', 'IPM.Task'], 0, null);
    expect(await Promise.all(infos.map(classOf))).toEqual(['IPM.Note', null, 'IPM.Task']);
    const all = await alice.mgr.resolveMultipleMessageClasses(null, 0, null);
    expect(await Promise.all(all.map(classOf))).toEqual(['IPM.Note', 'IPM.Task']);
    expect(await containerOf(all[0]!)).toBe('Local Forms');
    expect(await scodeOf(alice.mgr.resolveMultipleMessageClasses(['IPM', 5 as never], 0, null))).toBe('MAPI_E_INVALID_PARAMETER');
  });
});

describe('IMAPIFormMgr.openFormContainer', () => {
  it('gives each folder its own library, shared by every handle on that folder', async () => {
    const a = await subfolder(alice.store, 'A');
    const b = await subfolder(alice.store, 'B');
    await (await alice.mgr.openFormContainer(HFRMREG_FOLDER, a)).installForm(0, 0, recordingForm('IPM.A'));
    const again = await subfolder(alice.store, 'A');
    expect(await classOf(await alice.mgr.resolveMessageClass('IPM.A', 0, again))).toBe('IPM.A');
    expect(await scodeOf(alice.mgr.resolveMessageClass('IPM.A', 0, b))).toBe('MAPI_E_NOT_FOUND');
    expect(await (await alice.mgr.openFormContainer(HFRMREG_FOLDER, b)).getDisplay(0)).toBe('B');
  });

  it('keeps personal libraries per profile and the local library per subsystem', async () => {
    const bob = await user(world, 'bob');
    await (await alice.mgr.openFormContainer(HFRMREG_PERSONAL, null)).installForm(0, 0, recordingForm('IPM.Mine'));
    await (await alice.mgr.openFormContainer(HFRMREG_LOCAL, null)).installForm(0, 0, recordingForm('IPM.Shared'));
    expect(await scodeOf(bob.mgr.resolveMessageClass('IPM.Mine', 0, null))).toBe('MAPI_E_NOT_FOUND');
    expect(await classOf(await bob.mgr.resolveMessageClass('IPM.Shared', 0, null))).toBe('IPM.Shared');
    // Another session of alice's profile sees her personal forms; HFRMREG_DEFAULT is the personal container.
    const alice2 = await user(world, 'alice');
    expect(await classOf(await alice2.mgr.resolveMessageClass('IPM.Mine', 0, null))).toBe('IPM.Mine');
    expect(await (await alice2.mgr.openFormContainer(HFRMREG_DEFAULT, null)).getDisplay(0)).toBe('Personal Forms');
  });

  it('checks lpunk: null for local and personal, a folder for HFRMREG_FOLDER', async () => {
    const folder = await inbox(alice.store);
    expect(await scodeOf(alice.mgr.openFormContainer(HFRMREG_LOCAL, folder))).toBe('MAPI_E_INVALID_PARAMETER');
    expect(await scodeOf(alice.mgr.openFormContainer(HFRMREG_FOLDER, null))).toBe('MAPI_E_INVALID_PARAMETER');
    const message = await folder.createMessage(null, 0);
    expect(await scodeOf(alice.mgr.openFormContainer(HFRMREG_FOLDER, message))).toBe('MAPI_E_INTERFACE_NOT_SUPPORTED');
    expect(await scodeOf(alice.mgr.openFormContainer(7, null))).toBe('MAPI_E_INVALID_PARAMETER');
  });
});

describe('IMAPIFormMgr.calcFormPropSet', () => {
  const prop = (name: string, type = PT_LONG) => ({ type, nmid: { lpguid: PS_PUBLIC_STRINGS, ulKind: 1 as const, lpwstrName: name }, displayName: name });

  it('answers the union or the intersection of the forms\' properties', async () => {
    const local = await alice.mgr.openFormContainer(HFRMREG_LOCAL, null);
    await local.installForm(0, 0, recordingForm('IPM.A', [], { properties: [prop('Priority'), prop('Owner', PT_UNICODE)] }));
    await local.installForm(0, 0, recordingForm('IPM.B', [], { properties: [prop('Priority'), prop('Due')] }));
    const infos = (await alice.mgr.resolveMultipleMessageClasses(['IPM.A', 'IPM.B'], 0, null)) as IMAPIFormInfo[];
    const names = (ps: { pszDisplayName: string }[]) => ps.map((p) => p.pszDisplayName);
    expect(names(await alice.mgr.calcFormPropSet(infos, FORMPROPSET_UNION))).toEqual(['Priority', 'Owner', 'Due']);
    expect(names(await alice.mgr.calcFormPropSet(infos, FORMPROPSET_INTERSECTION))).toEqual(['Priority']);
    expect(names(await local.calcFormPropSet(FORMPROPSET_INTERSECTION))).toEqual(['Priority']);
    expect(await alice.mgr.calcFormPropSet([], FORMPROPSET_INTERSECTION)).toEqual([]);
    expect(await scodeOf(alice.mgr.calcFormPropSet([{} as IMAPIFormInfo], 0))).toBe('MAPI_E_INVALID_PARAMETER');
    expect(await scodeOf(alice.mgr.calcFormPropSet(infos, 0x4))).toBe('MAPI_E_UNKNOWN_FLAGS');
  });

  it('tells properties apart by type as well as by name', async () => {
    const local = await alice.mgr.openFormContainer(HFRMREG_LOCAL, null);
    await local.installForm(0, 0, recordingForm('IPM.A', [], { properties: [prop('X', PT_LONG)] }));
    await local.installForm(0, 0, recordingForm('IPM.B', [], { properties: [prop('X', PT_UNICODE)] }));
    expect(await local.calcFormPropSet(FORMPROPSET_INTERSECTION)).toEqual([]);
    expect(await local.calcFormPropSet(FORMPROPSET_UNION)).toHaveLength(2);
  });
});

describe('IMAPIFormMgr.loadForm and IMAPIForm.doVerb', () => {
  async function saved(subject: string, messageClass: string): Promise<IMessage> {
    const m = await (await inbox(alice.store)).createMessage(null, 0);
    await m.setProps([
      { ulPropTag: PR_SUBJECT_W, Value: subject },
      { ulPropTag: PR_MESSAGE_CLASS_W, Value: messageClass },
    ]);
    await m.saveChanges(KEEP_OPEN_READWRITE);
    return m;
  }

  it('routes a message to the form of its class, whose handler runs the verb on the message', async () => {
    const calls: FormVerbContext[] = [];
    await (await alice.mgr.openFormContainer(HFRMREG_PERSONAL, null)).installForm(0, 0, recordingForm('IPM.HelpDesk', calls));
    const m = await saved('printer broken', 'IPM.HelpDesk.Software');
    const folder = await inbox(alice.store);
    const form = await alice.mgr.loadForm(0, 0, null, 0, 0, folder, null, m, null, IID_IMAPIForm);
    await form.doVerb(102, null, 0, null);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.verb).toBe(102);
    expect(calls[0]!.message).toBe(m);
    expect(calls[0]!.folder).toBe(folder);
    expect((await calls[0]!.formInfo.getProps([PR_MESSAGE_CLASS_W], 0))[0]?.Value).toBe('IPM.HelpDesk');
  });

  it('answers MAPI_E_NO_SUPPORT for a verb the form does not list', async () => {
    await (await alice.mgr.openFormContainer(HFRMREG_LOCAL, null)).installForm(0, 0, recordingForm('IPM.Note'));
    const form = await alice.mgr.loadForm(0, 0, 'IPM.Note', 0, 0, null, null, await saved('x', 'IPM.Note'), null, IID_IMAPIForm);
    expect(await scodeOf(form.doVerb(104, null, 0, null))).toBe('MAPI_E_NO_SUPPORT');
  });

  it('answers MAPI_E_NOT_FOUND without a form, MAPI_E_NO_SUPPORT for MAPI_DIALOG, MAPI_E_INTERFACE_NOT_SUPPORTED for another interface', async () => {
    const m = await saved('x', 'IPM.Unknown');
    expect(await scodeOf(alice.mgr.loadForm(0, 0, null, 0, 0, null, null, m, null, IID_IMAPIForm))).toBe('MAPI_E_NOT_FOUND');
    await (await alice.mgr.openFormContainer(HFRMREG_LOCAL, null)).installForm(0, 0, recordingForm('IPM'));
    expect(await scodeOf(alice.mgr.loadForm(0, MAPI_DIALOG, null, 0, 0, null, null, m, null, IID_IMAPIForm))).toBe('MAPI_E_NO_SUPPORT');
    expect(await scodeOf(alice.mgr.loadForm(0, 0, null, 0, 0, null, null, m, null, IID_IMessage))).toBe('MAPI_E_INTERFACE_NOT_SUPPORTED');
    expect(await scodeOf(alice.mgr.loadForm(0, 0, null, 0, 0, null, null, null, null, IID_IMAPIForm))).toBe('MAPI_E_INVALID_PARAMETER');
    expect(await scodeOf(alice.mgr.loadForm(0, 0, null, 0, 0, null, null, m, null, IID_IMAPIForm))).toBe('S_OK');
  });

  it('uses DoVerb\'s view context over the one set with SetViewContext', async () => {
    const calls: FormVerbContext[] = [];
    await (await alice.mgr.openFormContainer(HFRMREG_LOCAL, null)).installForm(0, 0, recordingForm('IPM.Note', calls));
    const form = await alice.mgr.loadForm(0, 0, 'IPM.Note', 0, 0, null, null, await saved('x', 'IPM.Note'), null, IID_IMAPIForm);
    const set = { queryInterface: () => Promise.reject(new Error()), release: () => {} };
    const passed = { queryInterface: () => Promise.reject(new Error()), release: () => {} };
    await form.setViewContext(set);
    expect(await form.getViewContext()).toBe(set);
    await form.doVerb(0, null, 0, null);
    await form.doVerb(0, passed, 0, null);
    expect(calls.map((c) => c.viewContext)).toEqual([set, passed]);
  });

  it('shuts down once: E_UNEXPECTED the second time, MAPI_E_INVALID_OBJECT for other calls after', async () => {
    let saveOption = -1;
    await (await alice.mgr.openFormContainer(HFRMREG_LOCAL, null)).installForm(0, 0, recordingForm('IPM.Note', [], { handler: { doVerb: () => {}, shutdown: (o) => void (saveOption = o) } }));
    const form = await alice.mgr.loadForm(0, 0, 'IPM.Note', 0, 0, null, null, await saved('x', 'IPM.Note'), null, IID_IMAPIForm);
    expect(await scodeOf(form.shutdownForm(3))).toBe('MAPI_E_INVALID_PARAMETER');
    await form.shutdownForm(1);
    expect(saveOption).toBe(1);
    expect(await scodeOf(form.shutdownForm(1))).toBe('0x8000FFFF');
    expect(await scodeOf(form.doVerb(0, null, 0, null))).toBe('MAPI_E_INVALID_OBJECT');
  });

  it('creates a form with no message from a form information object (createForm)', async () => {
    const calls: FormVerbContext[] = [];
    await (await alice.mgr.openFormContainer(HFRMREG_LOCAL, null)).installForm(0, 0, recordingForm('IPM.Note', calls));
    const info = await alice.mgr.resolveMessageClass('IPM.Note', 0, null);
    await alice.mgr.prepareForm(0, 0, info);
    const form = await alice.mgr.createForm(0, 0, info, IID_IMAPIForm);
    await form.doVerb(0, null, 0, null);
    expect(calls[0]!.message).toBeNull();
    expect(await scodeOf(form.advise(form))).toBe('MAPI_E_NO_SUPPORT');
    expect(await scodeOf(alice.mgr.createForm(0, 0, {} as IMAPIFormInfo, IID_IMAPIForm))).toBe('MAPI_E_INVALID_PARAMETER');
  });

  it('a handler error is DoVerb\'s error', async () => {
    const { MapiError } = await import('../../../src/core/errors/MapiError.js');
    const { MAPI_E_BUSY } = await import('../../../src/core/generated/scodes.js');
    await (await alice.mgr.openFormContainer(HFRMREG_LOCAL, null)).installForm(0, 0, recordingForm('IPM.Note', [], { handler: { doVerb: () => Promise.reject(new MapiError(MAPI_E_BUSY, 'busy')) } }));
    const form = await alice.mgr.loadForm(0, 0, 'IPM.Note', 0, 0, null, null, await saved('x', 'IPM.Note'), null, IID_IMAPIForm);
    expect(await scodeOf(form.doVerb(0, null, 0, null))).toBe('MAPI_E_BUSY');
  });
});

describe('IMAPIFormMgr user-interface methods and isInConflict', () => {
  it('answers MAPI_E_NO_SUPPORT for the selection dialogs', async () => {
    expect(await scodeOf(alice.mgr.selectForm(0, 0, null, null))).toBe('MAPI_E_NO_SUPPORT');
    expect(await scodeOf(alice.mgr.selectMultipleForms(0, 0, null, null, null))).toBe('MAPI_E_NO_SUPPORT');
    expect(await scodeOf(alice.mgr.selectFormContainer(0, 0))).toBe('MAPI_E_NO_SUPPORT');
  });

  it('reports a conflict only for MSGSTATUS_IN_CONFLICT', async () => {
    expect(await alice.mgr.isInConflict(0, MSGSTATUS_IN_CONFLICT, 'IPM.Note', null)).toBe(true);
    expect(await alice.mgr.isInConflict(0, 0, 'IPM.Note', null)).toBe(false);
  });
});

describe('form information objects', () => {
  it('carry the description as PR_* properties and are read-only', async () => {
    const clsid = GUID.parse('{00020D31-0000-0000-C000-000000000046}');
    const local = await alice.mgr.openFormContainer(HFRMREG_LOCAL, null);
    await local.installForm(0, 0, recordingForm('IPM.Help', [], { displayName: 'Help Desk Request Form', clsid, category: 'Help Desk Requests', hidden: true, version: '1.00' }));
    const info = await local.resolveMessageClass('IPM.Help', 0);
    const T = await import('../../../src/core/generated/proptags.js');
    const props = await info.getProps([T.PR_DISPLAY_NAME_W, T.PR_FORM_CLSID, T.PR_FORM_CATEGORY_W, T.PR_FORM_HIDDEN, T.PR_FORM_VERSION_W, T.PR_MESSAGE_CLASS_A], 0);
    expect(props.map((p) => (p.Value instanceof GUID ? p.Value.toString().toUpperCase() : p.Value))).toEqual([
      'Help Desk Request Form',
      '{00020D31-0000-0000-C000-000000000046}',
      'Help Desk Requests',
      true,
      '1.00',
      'IPM.Help',
    ]);
    expect(await scodeOf(info.setProps([{ ulPropTag: PR_DISPLAY_NAME_W, Value: 'x' }]))).toBe('MAPI_E_NO_ACCESS');
    expect(await scodeOf(info.makeIconFromBinary(0x0fac))).toBe('MAPI_E_NO_SUPPORT');
    expect(await scodeOf(info.saveForm('help.fdm'))).toBe('MAPI_E_NO_SUPPORT');
  });

  it('list their verbs in order of number', async () => {
    const local = await alice.mgr.openFormContainer(HFRMREG_LOCAL, null);
    await local.installForm(0, 0, recordingForm('IPM.Note'));
    const verbs = await (await local.resolveMessageClass('IPM.Note', 0)).calcVerbSet(0);
    expect(verbs.map((v) => [v.lVerb, v.szVerbname])).toEqual([
      [0, 'Open'],
      [102, 'Reply'],
    ]);
  });
});
