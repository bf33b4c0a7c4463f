import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { World } from '../../../src/fixtures/index.js';
import { HFRMREG_LOCAL, HFRMREG_PERSONAL, MAPIFORM_EXACTMATCH, MAPIFORM_INSTALL_OVERWRITEONCONFLICT, FPST_ENUM_PROP, type IMAPIFormContainer, type IMAPIFormInfo } from '../../../src/core/forms/index.js';
import { PR_DISPLAY_NAME_W, PR_MESSAGE_CLASS_W } from '../../../src/core/generated/proptags.js';
import { PS_PUBLIC_STRINGS } from '../../../src/core/generated/guids.js';
import { PT_LONG } from '../../../src/core/generated/proptypes.js';
import { MAPI_DIALOG, MAPI_UNICODE } from '../../../src/core/generated/constants.js';
import { MAPI_E_EXTENDED_ERROR } from '../../../src/core/generated/scodes.js';
import { makeWorld, recordingForm, scodeOf, user, type FormsUser } from './helpers.js';

let world: World<string>;
let alice: FormsUser;
let local: IMAPIFormContainer;
beforeEach(async () => {
  world = await makeWorld();
  alice = await user(world, 'alice');
  local = await alice.mgr.openFormContainer(HFRMREG_LOCAL, null);
});
afterEach(async () => {
  await world.dispose();
});

const nameOf = async (info: IMAPIFormInfo | null) => (info ? (await info.getProps([PR_DISPLAY_NAME_W], 0))[0]?.Value : null);
const classOf = async (info: IMAPIFormInfo | null) => (info ? (await info.getProps([PR_MESSAGE_CLASS_W], 0))[0]?.Value : null);

describe('IMAPIFormContainer.installForm', () => {
  it('installs a form the container then resolves', async () => {
    await local.installForm(0, MAPI_UNICODE, recordingForm('IPM.Help', [], { displayName: 'Help' }));
    expect(await nameOf(await local.resolveMessageClass('IPM.Help', 0))).toBe('Help');
  });

  it('keeps the installed form without MAPIFORM_INSTALL_OVERWRITEONCONFLICT and replaces it with the flag', async () => {
    await local.installForm(0, 0, recordingForm('IPM.Help', [], { displayName: 'First' }));
    await local.installForm(0, 0, recordingForm('ipm.help', [], { displayName: 'Second' }));
    expect(await nameOf(await local.resolveMessageClass('IPM.Help', 0))).toBe('First');
    await local.installForm(0, MAPIFORM_INSTALL_OVERWRITEONCONFLICT, recordingForm('IPM.Help', [], { displayName: 'Third' }));
    expect(await nameOf(await local.resolveMessageClass('IPM.Help', 0))).toBe('Third');
  });

  it('answers MAPI_E_EXTENDED_ERROR for an invalid description, explained by getLastError', async () => {
    for (const bad of [null, {}, { messageClass: 'IPM.X' }, { messageClass: '', displayName: 'x' }, { messageClass: 'IPM.X', displayName: 'x', verbs: [{ code: 1.5, displayName: 'v' }] }]) {
      expect(await scodeOf(local.installForm(0, 0, bad as never))).toBe('MAPI_E_EXTENDED_ERROR');
    }
    const err = await local.getLastError(MAPI_E_EXTENDED_ERROR, 0);
    expect(err?.lpszError).toContain('verb');
  });

  it('answers MAPI_E_NO_SUPPORT for MAPI_DIALOG and MAPI_E_UNKNOWN_FLAGS for unknown flags', async () => {
    expect(await scodeOf(local.installForm(0, MAPI_DIALOG, recordingForm('IPM.X')))).toBe('MAPI_E_NO_SUPPORT');
    expect(await scodeOf(local.installForm(0, 0x1000, recordingForm('IPM.X')))).toBe('MAPI_E_UNKNOWN_FLAGS');
  });

  it('copies the description: changing it afterwards changes nothing installed', async () => {
    const d = recordingForm('IPM.Help', [], { displayName: 'Help' });
    await local.installForm(0, 0, d);
    (d.verbs as { code: number; displayName: string }[]).push({ code: 9, displayName: 'Late' });
    d.displayName = 'Changed';
    const info = await local.resolveMessageClass('IPM.Help', 0);
    expect(await nameOf(info)).toBe('Help');
    expect((await info.calcVerbSet(0)).map((v) => v.lVerb)).toEqual([0, 102]);
  });

  it('keeps enumerated properties (FPST_ENUM_PROP)', async () => {
    const nmid = { lpguid: PS_PUBLIC_STRINGS, ulKind: 1 as const, lpwstrName: 'FireHazard' };
    const nmidIdx = { lpguid: PS_PUBLIC_STRINGS, ulKind: 1 as const, lpwstrName: 'FireHazardEnum' };
    await local.installForm(0, 0, recordingForm('IPM.Safety', [], { properties: [{ type: PT_LONG, nmid, displayName: 'Fire Hazard', enumeration: { nmidIdx, values: [{ pszDisplayName: 'Low', nVal: 1 }] } }] }));
    const [p] = await (await local.resolveMessageClass('IPM.Safety', 0)).calcFormPropSet(MAPI_UNICODE);
    expect(p?.nSpecialType).toBe(FPST_ENUM_PROP);
    expect(p?.ulFlags).toBe(MAPI_UNICODE);
    expect(p?.u?.s1.pfpevAvailable).toEqual([{ pszDisplayName: 'Low', nVal: 1 }]);
  });
});

describe('IMAPIFormContainer.removeForm', () => {
  it('removes a form by class (case-insensitively), MAPI_E_NOT_FOUND when it has none', async () => {
    await local.installForm(0, 0, recordingForm('IPM.Help'));
    expect(await scodeOf(local.removeForm('IPM'))).toBe('MAPI_E_NOT_FOUND');
    await local.removeForm('ipm.HELP');
    expect(await scodeOf(local.resolveMessageClass('IPM.Help', 0))).toBe('MAPI_E_NOT_FOUND');
    expect(await scodeOf(local.removeForm('IPM.Help'))).toBe('MAPI_E_NOT_FOUND');
    expect(await scodeOf(local.removeForm(3 as never))).toBe('MAPI_E_INVALID_PARAMETER');
  });
});

describe('IMAPIFormContainer.resolveMessageClass and resolveMultipleMessageClasses', () => {
  it('resolve within the container only, through base classes unless MAPIFORM_EXACTMATCH', async () => {
    const personal = await alice.mgr.openFormContainer(HFRMREG_PERSONAL, null);
    await personal.installForm(0, 0, recordingForm('IPM.Note'));
    expect(await scodeOf(local.resolveMessageClass('IPM.Note', 0))).toBe('MAPI_E_NOT_FOUND');
    expect(await classOf(await personal.resolveMessageClass('IPM.Note.Custom', 0))).toBe('IPM.Note');
    expect(await scodeOf(personal.resolveMessageClass('IPM.Note.Custom', MAPIFORM_EXACTMATCH))).toBe('MAPI_E_NOT_FOUND');
    expect(await Promise.all((await personal.resolveMultipleMessageClasses(['IPM.Note.X', 'IPM.Other'], MAPIFORM_EXACTMATCH)).map(classOf))).toEqual([null, null]);
    expect(await Promise.all((await personal.resolveMultipleMessageClasses(['IPM.Note.X', 'IPM.Other'], 0)).map(classOf))).toEqual(['IPM.Note', null]);
    expect(await Promise.all((await personal.resolveMultipleMessageClasses(null, 0)).map(classOf))).toEqual(['IPM.Note']);
  });

  it('hand out form information objects whose openFormContainer is this container', async () => {
    await local.installForm(0, 0, recordingForm('IPM.Help'));
    const container = await (await local.resolveMessageClass('IPM.Help', 0)).openFormContainer();
    expect(await container.getDisplay(MAPI_UNICODE)).toBe('Local Forms');
    await container.removeForm('IPM.Help');
    expect(await scodeOf(local.resolveMessageClass('IPM.Help', 0))).toBe('MAPI_E_NOT_FOUND');
  });
});
