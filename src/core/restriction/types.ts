import type {
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
import type { SPropValue } from '../props/types.js';

/** RES_AND: every sub-restriction holds. @see sandrestriction.md */
export interface SAndRestriction {
  rt: typeof RES_AND;
  /** The sub-restrictions (cRes + lpRes). */
  lpRes: SRestriction[];
}

/** RES_OR: at least one sub-restriction holds. @see sorrestriction.md */
export interface SOrRestriction {
  rt: typeof RES_OR;
  /** The sub-restrictions (cRes + lpRes). */
  lpRes: SRestriction[];
}

/** RES_NOT: the sub-restriction does not hold. @see snotrestriction.md */
export interface SNotRestriction {
  rt: typeof RES_NOT;
  /** The negated restriction. */
  lpRes: SRestriction;
}

/** RES_CONTENT: a string or binary property contains a value. @see scontentrestriction.md */
export interface SContentRestriction {
  rt: typeof RES_CONTENT;
  /** FL_FULLSTRING / FL_SUBSTRING / FL_PREFIX in the low word, FL_IGNORECASE / FL_IGNORENONSPACE / FL_LOOSE in the high word. */
  ulFuzzyLevel: number;
  /** The property searched. */
  ulPropTag: number;
  /** The value searched for. */
  lpProp: SPropValue;
}

/** RES_PROPERTY: a property compared with a constant. @see spropertyrestriction.md */
export interface SPropertyRestriction {
  rt: typeof RES_PROPERTY;
  /** RELOP_LT ... RELOP_RE. */
  relop: number;
  /** The property compared. */
  ulPropTag: number;
  /** The constant compared with. */
  lpProp: SPropValue;
}

/** RES_COMPAREPROPS: two properties of the same object compared. @see scomparepropsrestriction.md */
export interface SComparePropsRestriction {
  rt: typeof RES_COMPAREPROPS;
  /** RELOP_LT ... RELOP_NE. */
  relop: number;
  /** First property. */
  ulPropTag1: number;
  /** Second property. */
  ulPropTag2: number;
}

/** RES_BITMASK: a bitwise AND of a property with a mask is (non)zero. @see sbitmaskrestriction.md */
export interface SBitMaskRestriction {
  rt: typeof RES_BITMASK;
  /** BMR_EQZ or BMR_NEZ. */
  relBMR: number;
  /** The property tested (PT_LONG or PT_I2). */
  ulPropTag: number;
  /** The mask. */
  ulMask: number;
}

/** RES_SIZE: the size of a property compared with a count of bytes. @see ssizerestriction.md */
export interface SSizeRestriction {
  rt: typeof RES_SIZE;
  /** RELOP_LT ... RELOP_NE. */
  relop: number;
  /** The property measured. */
  ulPropTag: number;
  /** The size in bytes. */
  cb: number;
}

/** RES_EXIST: the property exists. @see sexistrestriction.md */
export interface SExistRestriction {
  rt: typeof RES_EXIST;
  /** The property tested. */
  ulPropTag: number;
}

/** RES_SUBRESTRICTION: a restriction on recipients or attachments of a message. @see ssubrestriction.md */
export interface SSubRestriction {
  rt: typeof RES_SUBRESTRICTION;
  /** PR_MESSAGE_RECIPIENTS or PR_MESSAGE_ATTACHMENTS. */
  ulSubObject: number;
  /** The restriction each sub-object row is tested against. */
  lpRes: SRestriction;
}

/** RES_COMMENT: annotation properties around an optional restriction. @see scommentrestriction.md */
export interface SCommentRestriction {
  rt: typeof RES_COMMENT;
  /** The annotation values (cValues + lpProp). */
  lpProp: SPropValue[];
  /** The restriction that applies, or null (then every row matches). */
  lpRes: SRestriction | null;
}

/** RES_ANNOTATION: like RES_COMMENT, used for named-property annotations. */
export interface SAnnotationRestriction {
  rt: typeof RES_ANNOTATION;
  /** The annotation values. */
  lpProp: SPropValue[];
  /** The restriction that applies, or null. */
  lpRes: SRestriction | null;
}

/** RES_COUNT: at most ulCount rows matching lpRes pass. @see scountrestriction.md */
export interface SCountRestriction {
  rt: typeof RES_COUNT;
  /** The number of matches let through. */
  ulCount: number;
  /** The restriction counted. */
  lpRes: SRestriction;
}

/**
 * A restriction: MAPI's SRestriction with its union flattened into a discriminated union on
 * `rt` (DESIGN.md: `{ rt: RES_PROPERTY, relop, ulPropTag, lpProp }`).
 * @see srestriction.md
 */
export type SRestriction =
  | SAndRestriction
  | SOrRestriction
  | SNotRestriction
  | SContentRestriction
  | SPropertyRestriction
  | SComparePropsRestriction
  | SBitMaskRestriction
  | SSizeRestriction
  | SExistRestriction
  | SSubRestriction
  | SCommentRestriction
  | SAnnotationRestriction
  | SCountRestriction;
