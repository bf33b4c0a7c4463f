import { describe, expect, it } from 'vitest';
import { GUID } from '../../../src/core/props/guid.js';
import { CreateIProp } from '../../../src/core/props/PropData.js';
import { PR_FORM_CLSID } from '../../../src/core/generated/proptags.js';
import { PS_MAPI } from '../../../src/core/generated/guids.js';

describe('GUID', () => {
  it('is immutable: changing the bytes it hands out changes nothing', () => {
    const g = GUID.parse('{00020D0B-0000-0000-C000-000000000046}');
    g.bytes[0] = 0xff;
    g.bytes.fill(0);
    expect(g.toString()).toBe('{00020D0B-0000-0000-C000-000000000046}');
    expect(g.equals(GUID.parse('{00020D0B-0000-0000-C000-000000000046}'))).toBe(true);
  });

  it('keeps a stored PT_CLSID value safe from a caller that changes the bytes of the value it read', async () => {
    const obj = CreateIProp(null);
    await obj.setProps([{ ulPropTag: PR_FORM_CLSID, Value: PS_MAPI }]);
    const [read] = await obj.getProps([PR_FORM_CLSID], 0);
    (read?.Value as GUID).bytes.fill(0xaa);
    const [again] = await obj.getProps([PR_FORM_CLSID], 0);
    expect((again?.Value as GUID).toString()).toBe(PS_MAPI.toString());
    expect(PS_MAPI.toString()).toBe('{00020328-0000-0000-C000-000000000046}');
  });

  it('equals a GUID-like object with the same bytes (another copy of the module)', () => {
    const g = GUID.parse('{00020328-0000-0000-C000-000000000046}');
    const other = Object.assign(Object.create(GUID.prototype) as GUID, {});
    Object.defineProperty(other, 'bytes', { value: g.bytes });
    expect(g.equals(other)).toBe(true);
    expect(g.equals(GUID.parse('{00020329-0000-0000-C000-000000000046}'))).toBe(false);
  });

  it('matchesAt compares with 16 bytes of a buffer at an offset, false past its end', () => {
    const g = GUID.parse('{00020328-0000-0000-C000-000000000046}');
    const buf = new Uint8Array(24);
    buf.set(g.bytes, 4);
    expect(g.matchesAt(buf, 4)).toBe(true);
    expect(g.matchesAt(buf, 3)).toBe(false);
    expect(g.matchesAt(buf, 9)).toBe(false);
  });
});
