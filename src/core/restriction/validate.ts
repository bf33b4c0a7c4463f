import { compileRestriction, type CompileRestrictionOptions } from './compile.js';
import type { SRestriction } from './types.js';

/**
 * Checks that a restriction can be evaluated, as IMAPITable::Restrict and FindRow check it
 * before using it: MapiError(MAPI_E_INVALID_PARAMETER) when the tree is malformed
 * (FBadRestriction), MapiError(MAPI_E_TOO_COMPLEX) when a node is well formed but cannot be
 * evaluated (mismatched types, a relop or fuzzy level the type has no meaning for, an unknown
 * sub-object, RELOP_MEMBER_OF_DL without an address book, ...). Same checks as
 * {@link compileRestriction}, which it runs.
 * @see imapitable-restrict.md
 * @see fbadrestriction.md
 */
export function validateRestriction(res: unknown, options?: CompileRestrictionOptions): asserts res is SRestriction {
  compileRestriction(res as SRestriction, options);
}
