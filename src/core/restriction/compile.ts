import { MapiError } from '../errors/MapiError.js';
import { DEFAULT_ACP } from '../props/codepage.js';
import { FBadRestriction } from '../props/util/validateRestriction.js';
import {
  RES_AND,
  RES_OR,
  RES_NOT,
  RES_CONTENT,
  RES_PROPERTY,
  RES_COMPAREPROPS,
  RES_BITMASK,
  RES_SIZE,
  RES_EXIST,
  RES_SUBRESTRICTION,
  RES_COMMENT,
  RES_COUNT,
  RES_ANNOTATION,
} from '../generated/constants.js';
import { PR_MESSAGE_ATTACHMENTS, PR_MESSAGE_RECIPIENTS } from '../generated/proptags.js';
import { MAPI_E_INVALID_PARAMETER } from '../generated/scodes.js';
import { noteTag, tooComplex, type CompileContext, type MemberOfDLTest, type Predicate } from './context.js';
import { compileBitMask, compileCompareProps, compileContent, compileExist, compileProperty, compileSize } from './leaves.js';
import type { RestrictionTarget } from './read.js';
import type { SCountRestriction, SRestriction, SSubRestriction } from './types.js';

/**
 * A restriction compiled once into a predicate over rows.
 * @see imapitable-restrict.md
 */
export interface CompiledRestriction {
  /** Evaluates one row. */
  matches(row: RestrictionTarget): boolean;
  /** True when the result depends on rows seen before (RES_COUNT): the caller must evaluate rows in table order after reset(). */
  readonly stateful: boolean;
  /** Starts a new pass (RES_COUNT counters back to zero). */
  reset(): void;
  /** Property tags the restriction reads (for change tracking). */
  readonly tags: readonly number[];
}

/** Options of {@link compileRestriction}. */
export interface CompileRestrictionOptions {
  /** Code page through which PT_UNICODE values are read as PT_STRING8 and back (default 1252). */
  codePage?: number;
  /**
   * The address book's test for RELOP_MEMBER_OF_DL: is the entry `lpEntryID` a member of the
   * distribution list `lpDLEntryID`? Without it, RELOP_MEMBER_OF_DL is MAPI_E_TOO_COMPLEX.
   */
  isMemberOfDL?: MemberOfDLTest;
}

/**
 * Deepest nesting compiled. Decision: deeper trees are MAPI_E_TOO_COMPLEX rather than a stack
 * overflow while compiling or evaluating; real restrictions nest a few dozen levels at most.
 */
export const MAX_RESTRICTION_DEPTH = 1000;

/**
 * Compiles a restriction once into a predicate: validates the tree (FBadRestriction: a
 * malformed tree is MAPI_E_INVALID_PARAMETER), checks every node's types and operators
 * (MAPI_E_TOO_COMPLEX where the reference says a table returns it), copies the constants, and
 * returns closures that evaluate rows without looking at the tree again. Later changes to
 * `res` do not affect the result.
 *
 * Absent properties (docs/decisions/002-absent-properties-in-restrictions.md): a property is
 * read as getProps would read it with the restriction's tag; when that gives no value, every
 * restriction that reads it is FALSE (RES_NOT of it is TRUE).
 * @see imapitable-restrict.md
 * @see srestriction.md
 */
export function compileRestriction(res: SRestriction, options: CompileRestrictionOptions = {}): CompiledRestriction {
  // fbadrestriction.md: the structure is checked before anything reads it.
  if (FBadRestriction(res)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'restriction is malformed (FBadRestriction): check rt, relops, tags, property values and counts');
  const tags = new Set<number>();
  const ctx: CompileContext = {
    codePage: options.codePage ?? DEFAULT_ACP,
    isMemberOfDL: options.isMemberOfDL,
    resets: [],
    tags,
    depth: 0,
  };
  const predicate = compileNode(res, ctx);
  const resets = ctx.resets;
  return {
    matches: predicate,
    stateful: resets.length > 0,
    reset: () => {
      for (const r of resets) r();
    },
    tags: Object.freeze([...tags]),
  };
}

/** Compiles one node (and its sub-restrictions) in `ctx`. */
function compileNode(res: SRestriction, parent: CompileContext): Predicate {
  if (parent.depth >= MAX_RESTRICTION_DEPTH) throw tooComplex(res, `restrictions nest deeper than ${MAX_RESTRICTION_DEPTH} levels`);
  const ctx: CompileContext = { ...parent, depth: parent.depth + 1 };
  switch (res.rt) {
    case RES_AND: {
      // sandrestriction.md: TRUE if all children are TRUE (and so TRUE for none).
      const children = res.lpRes.map((r) => compileNode(r, ctx));
      return (row) => {
        for (const c of children) if (!c(row)) return false;
        return true;
      };
    }
    case RES_OR: {
      const children = res.lpRes.map((r) => compileNode(r, ctx));
      return (row) => {
        for (const c of children) if (c(row)) return true;
        return false;
      };
    }
    case RES_NOT: {
      const child = compileNode(res.lpRes, ctx);
      return (row) => !child(row);
    }
    case RES_CONTENT:
      return compileContent(res, ctx);
    case RES_PROPERTY:
      return compileProperty(res, ctx);
    case RES_COMPAREPROPS:
      return compileCompareProps(res, ctx);
    case RES_BITMASK:
      return compileBitMask(res, ctx);
    case RES_SIZE:
      return compileSize(res, ctx);
    case RES_EXIST:
      return compileExist(res, ctx);
    case RES_SUBRESTRICTION:
      return compileSub(res, ctx);
    case RES_COMMENT:
    case RES_ANNOTATION: {
      // scommentrestriction.md: comments are not evaluated; the restriction they carry is, and
      // with none every row matches.
      if (res.lpRes === null || res.lpRes === undefined) return () => true;
      return compileNode(res.lpRes, ctx);
    }
    case RES_COUNT:
      return compileCount(res, ctx);
    default:
      throw tooComplex(res, `unknown restriction type ${String((res as { rt: unknown }).rt)}`);
  }
}

/**
 * RES_COUNT: the first ulCount rows that match lpRes match; later ones do not. The counter is
 * per pass, so the table resets it and evaluates rows in table order.
 * @see scountrestriction.md
 */
function compileCount(res: SCountRestriction, ctx: CompileContext): Predicate {
  const child = compileNode(res.lpRes, ctx);
  const limit = res.ulCount >>> 0;
  let matched = 0;
  ctx.resets.push(() => {
    matched = 0;
  });
  // scountrestriction.md: "it shall match at most this many times".
  return (row) => {
    if (matched >= limit || !child(row)) return false;
    matched++;
    return true;
  };
}

/**
 * RES_SUBRESTRICTION: TRUE when any row of the message's recipient or attachment table matches
 * lpRes. A RES_COUNT inside counts the sub-objects of one message.
 * @see ssubrestriction.md
 */
function compileSub(res: SSubRestriction, ctx: CompileContext): Predicate {
  const sub = res.ulSubObject >>> 0;
  // ssubrestriction.md: ulSubObject is PR_MESSAGE_RECIPIENTS or PR_MESSAGE_ATTACHMENTS.
  if (sub !== PR_MESSAGE_RECIPIENTS && sub !== PR_MESSAGE_ATTACHMENTS) {
    throw tooComplex(res, 'sub-object restrictions apply to PR_MESSAGE_RECIPIENTS or PR_MESSAGE_ATTACHMENTS only');
  }
  noteTag(ctx, sub);
  const inner: CompileContext = { ...ctx, resets: [], tags: undefined };
  const child = compileNode(res.lpRes, inner);
  const resets = inner.resets;
  return (row) => {
    const rows = row.subObjects?.(sub);
    if (rows === undefined) return false;
    for (const r of resets) r();
    for (const r of rows) if (child(r)) return true;
    return false;
  };
}
