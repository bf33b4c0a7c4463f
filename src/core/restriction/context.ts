import { MapiError } from '../errors/MapiError.js';
import { propTypeName } from '../props/names.js';
import { MAPI_E_TOO_COMPLEX } from '../generated/scodes.js';
import { describeRestriction } from './describe.js';
import type { RestrictionTarget } from './read.js';
import type { SRestriction } from './types.js';

// Internal plumbing shared by the restriction compilers. Not part of the public API.

/** A compiled node: evaluates one row. */
export type Predicate = (row: RestrictionTarget) => boolean;

/** Tests whether an address book entry belongs to a distribution list (RELOP_MEMBER_OF_DL). */
export type MemberOfDLTest = (lpEntryID: Uint8Array, lpDLEntryID: Uint8Array) => boolean;

/** Compile-time state handed down the tree. */
export interface CompileContext {
  /** Code page of PT_STRING8 conversions (readAs). */
  readonly codePage: number;
  /** The address book's membership test, when the caller has one. */
  readonly isMemberOfDL: MemberOfDLTest | undefined;
  /** Reset functions of the RES_COUNT nodes of this scope (a RES_SUBRESTRICTION opens a new scope). */
  readonly resets: (() => void)[];
  /** Tags read by the row itself; undefined inside a sub-restriction, whose tags are the sub-objects'. */
  readonly tags: Set<number> | undefined;
  /** Nesting depth of the node being compiled. */
  readonly depth: number;
}

/** Records a tag the row is read through (for change tracking). */
export function noteTag(ctx: CompileContext, ulPropTag: number): void {
  ctx.tags?.add(ulPropTag >>> 0);
}

/**
 * MAPI_E_TOO_COMPLEX for a restriction node the table cannot evaluate, naming the node and why.
 * @see imapitable-restrict.md
 */
export function tooComplex(res: SRestriction, why: string): MapiError {
  return new MapiError(MAPI_E_TOO_COMPLEX, `restriction too complex: ${why} in ${describeRestriction(res)}`);
}

/** `PT_UNICODE`-style name of the type of a tag, for messages. */
export function typeName(ulPropTag: number): string {
  return propTypeName(ulPropTag & 0xffff);
}
