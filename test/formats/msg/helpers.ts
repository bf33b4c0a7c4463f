/** Shared pieces of the .msg tests: samples, a store map, comparable forms of message content. */
import { createHash } from 'node:crypto';
import { NamedPropertyMap, nameKey } from '../../../src/core/props/NamedPropertyMap.js';
import { PROP_ID, PROP_TYPE, tagHex } from '../../../src/core/props/tags.js';
import type { PropValueData } from '../../../src/core/props/types.js';
import type { MessageContent, PropMap } from '../../../src/core/spi/store.js';

export { MALFORMED_SAMPLES, SAMPLES_DIR, countingSource, sample, sampleNames } from '../cfb/helpers.js';

/** A fresh store map (the signature does not matter to the format layer). */
export function newNames(): NamedPropertyMap {
  return new NamedPropertyMap(new Uint8Array(16).fill(7));
}

function valueForm(v: PropValueData): unknown {
  if (v instanceof Uint8Array) return v.length > 64 ? `${v.length} bytes sha1 ${createHash('sha1').update(v).digest('hex')}` : `bytes ${Buffer.from(v).toString('hex')}`;
  if (typeof v === 'bigint') return `${v}n`;
  if (Array.isArray(v)) return (v as PropValueData[]).map(valueForm);
  if (v && typeof v === 'object' && 'ticks' in v) return `FILETIME ${(v as { ticks: bigint }).ticks}`;
  if (v && typeof v === 'object' && 'bytes' in v) return `GUID ${String(v)}`;
  if (typeof v === 'number' && Number.isNaN(v)) return 'NaN';
  return v;
}

/**
 * A comparable form of properties: key = name (named properties, so two store maps can be
 * compared) or tag, value in a printable form.
 */
export function propsForm(props: PropMap, names: NamedPropertyMap): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of props.values()) {
    const id = PROP_ID(p.ulPropTag);
    const name = id >= 0x8000 ? names.nameOf(id) : undefined;
    const key = name ? `${nameKey(name)}:${PROP_TYPE(p.ulPropTag).toString(16)}` : tagHex(p.ulPropTag);
    out[key] = valueForm(p.Value);
  }
  return out;
}

/** A comparable form of a whole message. */
export function contentForm(c: MessageContent, names: NamedPropertyMap): unknown {
  return {
    props: propsForm(c.props, names),
    recipients: c.recipients.map((r) => ({ rowId: r.rowId, props: propsForm(r.props, names) })),
    attachments: c.attachments.map((a) => ({ num: a.num, props: propsForm(a.props, names), embedded: a.embedded ? contentForm(a.embedded, names) : null })),
  };
}

/** True when any string property of the message (or its subobjects) is PT_UNICODE. */
export function usesUnicode(c: MessageContent): boolean {
  const any = (m: PropMap) => [...m.values()].some((p) => (PROP_TYPE(p.ulPropTag) & 0xefff) === 0x1f);
  return any(c.props) || c.recipients.some((r) => any(r.props)) || c.attachments.some((a) => any(a.props) || (a.embedded ? usesUnicode(a.embedded) : false));
}
