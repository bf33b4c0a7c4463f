// Restrictions: the SRestriction model, its compiler to a predicate over rows, validation and
// a readable form. The table engine and search folders use these; see imapitable-restrict.md.

export type {
  SRestriction,
  SAndRestriction,
  SOrRestriction,
  SNotRestriction,
  SContentRestriction,
  SPropertyRestriction,
  SComparePropsRestriction,
  SBitMaskRestriction,
  SSizeRestriction,
  SExistRestriction,
  SSubRestriction,
  SCommentRestriction,
  SAnnotationRestriction,
  SCountRestriction,
} from './types.js';
export type { RestrictionTarget } from './read.js';
export type { MemberOfDLTest } from './context.js';
export type { CompiledRestriction, CompileRestrictionOptions } from './compile.js';
export { compileRestriction, MAX_RESTRICTION_DEPTH } from './compile.js';
export { validateRestriction } from './validate.js';
export { describeRestriction, describePropTag, describeValue } from './describe.js';
