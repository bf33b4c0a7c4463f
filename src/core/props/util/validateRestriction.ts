import { isObject, isUlong } from './common.js';
import { FBadProp, badInstanceTag } from './validate.js';
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
  RELOP_LT,
  RELOP_RE,
  RELOP_MEMBER_OF_DL,
  BMR_EQZ,
  BMR_NEZ,
} from '../../generated/constants.js';

// srestriction.md / spropertyrestriction.md: relops are RELOP_LT..RELOP_RE; Exchange adds
// RELOP_MEMBER_OF_DL for property restrictions on address-book entries.
function badRelop(relop: unknown): boolean {
  if (!isUlong(relop)) return true;
  const r = relop >>> 0;
  return !((r >= RELOP_LT && r <= RELOP_RE) || r === RELOP_MEMBER_OF_DL);
}

/**
 * Checks one node's own fields and returns its sub-restrictions, or `null` when the node is
 * bad. Validation is by `rt`, in the field order of each S*Restriction structure.
 */
function checkNode(r: Record<string, unknown>): unknown[] | null {
  switch (r['rt']) {
    case RES_AND:
    case RES_OR:
      return Array.isArray(r['lpRes']) ? [...(r['lpRes'] as unknown[])] : null;
    case RES_NOT:
      return [r['lpRes']];
    case RES_CONTENT:
      if (!isUlong(r['ulFuzzyLevel']) || badInstanceTag(r['ulPropTag']) || FBadProp(r['lpProp'])) return null;
      return [];
    case RES_PROPERTY:
      if (badRelop(r['relop']) || badInstanceTag(r['ulPropTag']) || FBadProp(r['lpProp'])) return null;
      return [];
    case RES_COMPAREPROPS:
      if (badRelop(r['relop']) || badInstanceTag(r['ulPropTag1']) || badInstanceTag(r['ulPropTag2'])) return null;
      return [];
    case RES_BITMASK:
      if ((r['relBMR'] !== BMR_EQZ && r['relBMR'] !== BMR_NEZ) || badInstanceTag(r['ulPropTag']) || !isUlong(r['ulMask'])) return null;
      return [];
    case RES_SIZE:
      if (badRelop(r['relop']) || badInstanceTag(r['ulPropTag']) || !isUlong(r['cb']) || (r['cb'] as number) < 0) return null;
      return [];
    case RES_EXIST:
      return badInstanceTag(r['ulPropTag']) ? null : [];
    case RES_SUBRESTRICTION:
      return isUlong(r['ulSubObject']) ? [r['lpRes']] : null;
    case RES_COMMENT:
    case RES_ANNOTATION: {
      // scommentrestriction.md: the annotation values, and an optional restriction (NULL = none).
      const props = r['lpProp'];
      if (!Array.isArray(props)) return null;
      for (let i = 0; i < props.length; i++) if (FBadProp(props[i])) return null;
      const sub = r['lpRes'];
      return sub === null || sub === undefined ? [] : [sub];
    }
    case RES_COUNT:
      return isUlong(r['ulCount']) && (r['ulCount'] as number) >= 0 ? [r['lpRes']] : null;
    default:
      return null;
  }
}

/**
 * Validates a restriction and all its sub-restrictions: TRUE (bad) when a node is not an
 * object, has an unknown `rt`, a field of the wrong type, a bad relop or tag, a bad property
 * value, or when the tree loops back on itself (a C tree cannot; a JS object graph can).
 * Walks the tree with an explicit stack, so depth is limited only by memory.
 * @see fbadrestriction.md
 */
export function FBadRestriction(lpres: unknown): boolean {
  // Enter/exit markers keep the set of ancestors of the node being visited, to tell a cycle
  // (bad) from a sub-restriction shared by two parents (fine).
  const ancestors = new Set<object>();
  const stack: { node: unknown; exit: boolean }[] = [{ node: lpres, exit: false }];
  while (stack.length > 0) {
    const { node, exit } = stack.pop() as { node: unknown; exit: boolean };
    if (exit) {
      ancestors.delete(node as object);
      continue;
    }
    if (!isObject(node) || Array.isArray(node) || ancestors.has(node)) return true;
    const children = checkNode(node);
    if (children === null) return true;
    ancestors.add(node);
    stack.push({ node, exit: true });
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], exit: false });
  }
  return false;
}
