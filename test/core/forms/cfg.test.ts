import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { World } from '../../../src/fixtures/index.js';
import { HFRMREG_LOCAL, FPST_ENUM_PROP, parseFormConfig, type IMAPIFormContainer } from '../../../src/core/forms/index.js';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { GUID } from '../../../src/core/props/guid.js';
import { PS_MAPI, PS_PUBLIC_STRINGS } from '../../../src/core/generated/guids.js';
import { PR_DISPLAY_NAME_W, PR_FORM_CATEGORY_W, PR_FORM_CLSID, PR_FORM_HIDDEN } from '../../../src/core/generated/proptags.js';
import { MAPI_E_EXTENDED_ERROR } from '../../../src/core/generated/scodes.js';
import { makeWorld, scodeOf, user } from './helpers.js';

/** The reference's example sections (form-configuration-file-*-section.md), put together. */
const HELP_DESK = `[Description]
MessageClass = IPM.Help
Clsid = {00020D31-0000-0000-C000-000000000046}
DisplayName = Help Desk Request Form
;optional entries
Category = Help Desk Requests
Subcategory = New Requests
Comment = Use this form to request network assistance
Owner = Help Desk
Number = 1
SmallIcon = C:\\WINDOWS|EFORMS\\HELPDESK\\HDSMALL.ICO
LargeIcon = C:\\WINDOWS|EFORMS\\HELPDESK\\HDLARGE.ICO
Version = 1.00
Locale = enu
Hidden = 0
ComposeInFolder = 0
ComposeCommand = &Help Desk Request

[Platforms]
Platform.1 = NTx86

[Platform.NTx86]
CPU = ix86
OSVersion = WinNT3.5
File = \\helpdesk.exe

[Verbs]
Verb1=1
Verb2=2

[Verb.1]
DisplayName=Reply
code=1
Flags=0
Attribs=2

[Verb.2]
DisplayName=Delete
Code=2
Flags=0
Attribs=2

[Properties]
Property.1 = Fire Hazard
Property.2 = Safe

[Property.Fire Hazard]
Type = 1
NmidPropSet = {E47F4480-8400-101B-934D-04021C007002]
NmidString = FireHazard
DisplayName = Fire Hazard
SpecialType = 1
Enum1 = HazardEnum

[Property.Safe]
Type = 3
NmidInteger = 33000
DisplayName = Safe

[Enum1.HazardEnum]
IdxNmidPropset={E47F4480-8400-101B-934D-04021C007002]
IdxNmidString=FireHazardEnum
EnumCount = 3
Val.1.Display = Low
Val.1.Index = 1
Val.2.Display = Medium
Val.2.Index = 2
Val.3.Display = High
Val.3.Index = 3

[Extensions]
Extension.A = 1
`;

describe('parseFormConfig', () => {
  it("reads the reference's example: description, verbs (keys in any case), properties with an enumeration", () => {
    const d = parseFormConfig(HELP_DESK);
    expect(d.messageClass).toBe('IPM.Help');
    expect(d.displayName).toBe('Help Desk Request Form');
    expect(d.clsid?.toString().toUpperCase()).toBe('{00020D31-0000-0000-C000-000000000046}');
    expect([d.category, d.subcategory, d.comment, d.owner, d.version, d.hidden, d.composeInFolder]).toEqual(['Help Desk Requests', 'New Requests', 'Use this form to request network assistance', 'Help Desk', '1.00', false, false]);
    expect(d.verbs).toEqual([
      { code: 1, displayName: 'Reply', flags: 0, attribs: 2 },
      { code: 2, displayName: 'Delete', flags: 0, attribs: 2 },
    ]);
    const set = GUID.parse('{E47F4480-8400-101B-934D-04021C007002}');
    const [hazard, safe] = d.properties ?? [];
    expect(hazard?.type).toBe(1);
    expect(hazard?.nmid).toEqual({ lpguid: set, ulKind: 1, lpwstrName: 'FireHazard' });
    expect(hazard?.enumeration).toEqual({
      nmidIdx: { lpguid: set, ulKind: 1, lpwstrName: 'FireHazardEnum' },
      values: [
        { pszDisplayName: 'Low', nVal: 1 },
        { pszDisplayName: 'Medium', nVal: 2 },
        { pszDisplayName: 'High', nVal: 3 },
      ],
    });
    // No NmidPropset and an NmidInteger above 0x8000: PS_PUBLIC_STRINGS.
    expect(safe?.nmid).toEqual({ lpguid: PS_PUBLIC_STRINGS, ulKind: 0, lID: 33000 });
  });

  it('gives PS_MAPI to an NmidInteger below 0x8000 without a property set, and joins Comment lines', () => {
    const d = parseFormConfig(`[Description]\nMessageClass=IPM.X\nClsid={00000000-0000-0000-0000-000000000001}\nDisplayName=X\nComment=one\nComment1=two\n[Properties]\nProperty1=P\n[Property.P]\nType=3\nNmidInteger=0x1000\n`);
    expect(d.properties?.[0]?.nmid).toEqual({ lpguid: PS_MAPI, ulKind: 0, lID: 0x1000 });
    expect(d.properties?.[0]?.displayName).toBe('P');
    expect(d.comment).toBe('one\r\ntwo');
  });

  const invalid: [string, string, RegExp][] = [
    ['no [Description]', '[Verbs]\n', /no \[Description\] section/],
    ['no MessageClass', '[Description]\nClsid={00000000-0000-0000-0000-000000000001}\nDisplayName=X\n', /has no MessageClass/],
    ['no Clsid', '[Description]\nMessageClass=IPM.X\nDisplayName=X\n', /has no Clsid/],
    ['a bad GUID', '[Description]\nMessageClass=IPM.X\nClsid=nope\nDisplayName=X\n', /line 3: Clsid must be a GUID/],
    ['a verb without its section', '[Description]\nMessageClass=IPM.X\nClsid={00000000-0000-0000-0000-000000000001}\nDisplayName=X\n[Verbs]\nVerb1=9\n', /line 6: Verb1 names \[Verb.9\], which is missing/],
    ['a verb code that is not a number', '[Description]\nMessageClass=IPM.X\nClsid={00000000-0000-0000-0000-000000000001}\nDisplayName=X\n[Verbs]\nVerb1=1\n[Verb.1]\nDisplayName=R\nCode=one\n', /line 9: Code must be an integer/],
    ['a property with both names', '[Description]\nMessageClass=IPM.X\nClsid={00000000-0000-0000-0000-000000000001}\nDisplayName=X\n[Properties]\nProperty1=P\n[Property.P]\nType=3\nNmidString=a\nNmidInteger=1\n', /both NmidString and NmidInteger/],
    ['a line that is no entry', '[Description]\nMessageClass=IPM.X\njunk\n', /line 3: "junk" is neither/],
    ['an entry before any section', 'MessageClass=IPM.X\n', /line 1: an entry comes before any section/],
  ];
  for (const [what, text, message] of invalid) {
    it(`answers MAPI_E_EXTENDED_ERROR for ${what}, naming the problem`, () => {
      let err: unknown;
      try {
        parseFormConfig(text, { source: 'x.cfg' });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(MapiError);
      expect((err as MapiError).scode).toBe(MAPI_E_EXTENDED_ERROR);
      expect((err as MapiError).message).toMatch(message);
    });
  }

  it('only ever returns a description or throws MapiError, whatever the text', () => {
    const lines = fc.array(fc.oneof(fc.constantFrom('[Description]', '[Verbs]', '[Verb.1]', '[Properties]', '[Property.P]', '[Enum1.E]', 'MessageClass=IPM.X', 'DisplayName=X', 'Clsid={00000000-0000-0000-0000-000000000001}', 'Verb1=1', 'Code=1', 'Property1=P', 'Type=3', 'NmidString=n', 'SpecialType=1', 'Enum1=E', 'EnumCount=2', 'Val.1.Display=a'), fc.string()), { maxLength: 30 });
    fc.assert(
      fc.property(lines, (ls) => {
        try {
          const d = parseFormConfig(ls.join('\n'));
          expect(typeof d.messageClass).toBe('string');
        } catch (e) {
          expect(e).toBeInstanceOf(MapiError);
        }
      }),
      { seed: 11, numRuns: 400 },
    );
  });
});

describe('IMAPIFormContainer.installForm from a .cfg path', () => {
  let world: World<string>;
  let local: IMAPIFormContainer;
  let dir: string;
  beforeEach(async () => {
    world = await makeWorld();
    local = await (await user(world, 'alice')).mgr.openFormContainer(HFRMREG_LOCAL, null);
    dir = mkdtempSync(join(tmpdir(), 'mapi-emu-cfg-'));
  });
  afterEach(async () => {
    await world.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('installs the form the file describes (ANSI text in CP_ACP, or Unicode with a BOM)', async () => {
    const ansi = join(dir, 'helpdesk.cfg');
    writeFileSync(ansi, Buffer.from(HELP_DESK.replace('Help Desk Requests', 'Caf\xe9 Requests'), 'latin1'));
    await local.installForm(0, 0, ansi);
    const info = await local.resolveMessageClass('IPM.Help', 0);
    const props = await info.getProps([PR_DISPLAY_NAME_W, PR_FORM_CATEGORY_W, PR_FORM_HIDDEN, PR_FORM_CLSID], 0);
    expect(props.map((p) => (p.Value instanceof GUID ? p.Value.toString().toUpperCase() : p.Value))).toEqual(['Help Desk Request Form', 'Café Requests', false, '{00020D31-0000-0000-C000-000000000046}']);
    expect((await info.calcVerbSet(0)).map((v) => [v.lVerb, v.szVerbname])).toEqual([
      [1, 'Reply'],
      [2, 'Delete'],
    ]);
    expect((await info.calcFormPropSet(0)).find((p) => p.pszDisplayName === 'Fire Hazard')?.nSpecialType).toBe(FPST_ENUM_PROP);

    const unicode = join(dir, 'unicode.cfg');
    writeFileSync(unicode, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HELP_DESK.replace('IPM.Help', 'IPM.Uni').replace('Help Desk Requests', 'Ünicode'), 'utf16le')]));
    await local.installForm(0, 0, unicode);
    expect((await (await local.resolveMessageClass('IPM.Uni', 0)).getProps([PR_FORM_CATEGORY_W], 0))[0]?.Value).toBe('Ünicode');
  });

  it('answers MAPI_E_EXTENDED_ERROR for a missing or invalid file, and getLastError says which', async () => {
    expect(await scodeOf(local.installForm(0, 0, join(dir, 'missing.cfg')))).toBe('MAPI_E_EXTENDED_ERROR');
    expect((await local.getLastError(MAPI_E_EXTENDED_ERROR, 0))?.lpszError).toMatch(/is not found/);
    const bad = join(dir, 'bad.cfg');
    writeFileSync(bad, '[Description]\nMessageClass=IPM.X\n');
    expect(await scodeOf(local.installForm(0, 0, bad))).toBe('MAPI_E_EXTENDED_ERROR');
    expect((await local.getLastError(MAPI_E_EXTENDED_ERROR, 0))?.lpszError).toMatch(/bad\.cfg.*has no DisplayName|has no/);
    expect(await scodeOf(local.installForm(0, 0, dir))).toBe('MAPI_E_EXTENDED_ERROR');
    expect((await local.getLastError(MAPI_E_EXTENDED_ERROR, 0))?.lpszError).toMatch(/not readable/);
  });
});
