// MAPI utility functions (mapiutil.h / mapival.h), with their SDK names and native semantics.
// Each function cites its page in shared/reference/mapi/; deviations are in docs/deviations.md.

// Comparing and searching values
export { LPropCompareProp, FPropCompareProp } from './compare.js';
export { FPropContainsProp } from './contains.js';
export { PpropFindProp, LpValFindProp, FPropExists } from './find.js';

// Sizes and copies
export { UlPropSize, ScCountProps, CB_SPROPVALUE } from './size.js';
export { PropCopyMore, ScCopyProps } from './copy.js';

// Validation (mapival.h)
export { FBadPropTag, FBadProp, FBadRow, FBadRowSet, FBadRglpszW, FBadColumnSet, FBadSortOrderSet } from './validate.js';
export { FBadRestriction } from './validateRestriction.js';

// One property at a time
export { HrGetOneProp, HrSetOneProp } from './oneProp.js';

// Hexadecimal text
export { HexFromBin, FBinFromHex, UlFromSzHex } from './hex.js';

// Named properties and conversation threads
export { FEqualNames } from './names.js';
export { ScCreateConversationIndex } from './conversationIndex.js';
