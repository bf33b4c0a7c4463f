import type { MessageContent, PropMap } from '../spi/store.js';
import type { StoreContext } from './StoreContext.js';
import { PROP_ID } from '../props/tags.js';
import { bytesEqual } from '../props/values.js';
import {
  PR_CHANGE_KEY,
  PR_CREATION_TIME,
  PR_LAST_MODIFICATION_TIME,
  PR_PREDECESSOR_CHANGE_LIST,
  PR_RECORD_KEY,
  PR_SEARCH_KEY,
} from '../generated/proptags.js';

/** Size of the change keys the kit writes: a 16-byte namespace GUID and a 6-byte counter ([MS-OXCFXICS] 2.2.2.2 XID). */
export const XID_SIZE = 22;
/** Size of record and search keys the kit makes. */
export const KEY_SIZE = 16;

/**
 * The namespace GUID of the store's change keys: the database (replica) GUID of an
 * Exchange-style entry ID ([MS-OXCDATA] 2.2.4.1: bytes 22..37 of a folder entry ID), else the
 * store's provider UID.
 */
export function replicaGuid(ctx: StoreContext): Uint8Array {
  const eid = ctx.folderEntryId(ctx.backend.rootId());
  return eid.length === 46 ? eid.slice(22, 38) : Uint8Array.from(ctx.backend.entryIds.uid);
}

/** A new change key of the store: its namespace GUID followed by a 48-bit counter, most significant byte first. */
export function newChangeKey(ctx: StoreContext): Uint8Array {
  const xid = new Uint8Array(XID_SIZE);
  xid.set(replicaGuid(ctx), 0);
  let n = ctx.support.ids.counter();
  for (let i = XID_SIZE - 1; i >= 16; i--) {
    xid[i] = n % 256;
    n = Math.floor(n / 256);
  }
  return xid;
}

/** The XIDs of a predecessor change list: a sequence of SizedXid, a size byte then the XID ([MS-OXCFXICS] 2.2.2.4). */
export function parseChangeList(pcl: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < pcl.length; ) {
    const n = pcl[i] as number;
    if (n < 17 || i + 1 + n > pcl.length) break; // malformed tail: ignored
    out.push(pcl.slice(i + 1, i + 1 + n));
    i += 1 + n;
  }
  return out;
}

/** A predecessor change list with `xid` in place of any earlier change of the same namespace. */
export function mergeChangeList(pcl: Uint8Array | undefined, xid: Uint8Array): Uint8Array {
  const ns = xid.subarray(0, 16);
  const keep = (pcl ? parseChangeList(pcl) : []).filter((x) => !bytesEqual(x.subarray(0, 16), ns));
  keep.push(xid);
  const out = new Uint8Array(keep.reduce((n, x) => n + 1 + x.length, 0));
  let at = 0;
  for (const x of keep) {
    out[at] = x.length;
    out.set(x, at + 1);
    at += 1 + x.length;
  }
  return out;
}

const bin = (props: PropMap, tag: number): Uint8Array | undefined => {
  const v = props.get(PROP_ID(tag))?.Value;
  return v instanceof Uint8Array ? v : undefined;
};
const setBin = (props: PropMap, tag: number, value: Uint8Array) => props.set(PROP_ID(tag), { ulPropTag: tag, Value: value });

/** Gives content a new change key and records it in its predecessor change list. */
export function stampChange(ctx: StoreContext, props: PropMap, keepHistory: boolean): void {
  const xid = newChangeKey(ctx);
  setBin(props, PR_CHANGE_KEY, xid);
  setBin(props, PR_PREDECESSOR_CHANGE_LIST, mergeChangeList(keepHistory ? bin(props, PR_PREDECESSOR_CHANGE_LIST) : undefined, xid));
}

/** A PR_SEARCH_KEY for a new message (pidtagsearchkey-canonical-property.md: available "immediately following message creation"). */
export function newSearchKey(ctx: StoreContext): Uint8Array {
  return ctx.support.ids.bytes(KEY_SIZE);
}

/**
 * The identity stamps a store writes when a message is saved: PR_CREATION_TIME and
 * PR_RECORD_KEY on the first save, PR_LAST_MODIFICATION_TIME (the client's value is kept on
 * the first save, pidtaglastmodificationtime-canonical-property.md), a PR_SEARCH_KEY when the
 * client removed it, and a new PR_CHANGE_KEY / PR_PREDECESSOR_CHANGE_LIST on every save.
 * Embedded messages get the times and search key only (they have no identity in the store).
 */
export function stampSave(ctx: StoreContext, props: PropMap, firstSave: boolean, embedded: boolean): void {
  const now = ctx.support.clock.now();
  if (firstSave) {
    props.set(PROP_ID(PR_CREATION_TIME), { ulPropTag: PR_CREATION_TIME, Value: now });
    if (!props.has(PROP_ID(PR_LAST_MODIFICATION_TIME))) props.set(PROP_ID(PR_LAST_MODIFICATION_TIME), { ulPropTag: PR_LAST_MODIFICATION_TIME, Value: now });
    if (!embedded) setBin(props, PR_RECORD_KEY, ctx.support.ids.bytes(KEY_SIZE));
  } else {
    props.set(PROP_ID(PR_LAST_MODIFICATION_TIME), { ulPropTag: PR_LAST_MODIFICATION_TIME, Value: now });
  }
  if (!bin(props, PR_SEARCH_KEY)) setBin(props, PR_SEARCH_KEY, newSearchKey(ctx));
  if (!embedded) stampChange(ctx, props, true);
}

/**
 * New identity stamps for a copied message in `dest`: PR_RECORD_KEY, PR_CREATION_TIME and
 * PR_LAST_MODIFICATION_TIME from the destination's clock, PR_CHANGE_KEY and a predecessor
 * change list of that one change. PR_SEARCH_KEY is kept (pidtagsearchkey-canonical-property.md:
 * not "Changed in a copy operation"; pidtagrecordkey: "two copies of the object ... must have
 * different values for this property").
 */
export function restampCopy(content: MessageContent, dest: StoreContext): void {
  const now = dest.support.clock.now();
  const props = content.props;
  setBin(props, PR_RECORD_KEY, dest.support.ids.bytes(KEY_SIZE));
  props.set(PROP_ID(PR_CREATION_TIME), { ulPropTag: PR_CREATION_TIME, Value: now });
  props.set(PROP_ID(PR_LAST_MODIFICATION_TIME), { ulPropTag: PR_LAST_MODIFICATION_TIME, Value: now });
  if (!bin(props, PR_SEARCH_KEY)) setBin(props, PR_SEARCH_KEY, newSearchKey(dest));
  stampChange(dest, props, false);
}
