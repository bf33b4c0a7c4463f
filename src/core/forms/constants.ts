/**
 * Form-library constants from mapiform.h that the generated tables do not have (the SDK
 * header defines them; values checked against mapiform.h).
 */

/** HFRMREG_DEFAULT (mapiform.h): "a convenient form container" (here the personal one). @see imapiformmgr-openformcontainer.md */
export const HFRMREG_DEFAULT = 0;
/** HFRMREG_LOCAL (mapiform.h): the local form container. @see imapiformmgr-openformcontainer.md */
export const HFRMREG_LOCAL = 1;
/** HFRMREG_PERSONAL (mapiform.h): the container of the default message store. @see imapiformmgr-openformcontainer.md */
export const HFRMREG_PERSONAL = 2;
/** HFRMREG_FOLDER (mapiform.h): a folder container (lpunk must be an IMAPIFolder). @see imapiformmgr-openformcontainer.md */
export const HFRMREG_FOLDER = 3;

/** FORMPROPSET_UNION (mapiform.h). @see imapiformmgr-calcformpropset.md */
export const FORMPROPSET_UNION = 0;
/** FORMPROPSET_INTERSECTION (mapiform.h). @see imapiformmgr-calcformpropset.md */
export const FORMPROPSET_INTERSECTION = 1;

/** MAPIFORM_EXACTMATCH (mapiform.h): resolve only an exactly matching class. @see imapiformmgr-resolvemessageclass.md */
export const MAPIFORM_EXACTMATCH = 0x0020;
/** MAPIFORM_INSTALL_OVERWRITEONCONFLICT (mapiform.h). @see imapiformcontainer-installform.md */
export const MAPIFORM_INSTALL_OVERWRITEONCONFLICT = 0x0010;

/** FPST_VANILLA (mapiform.h): the SMAPIFormProp's union holds no enumeration. @see smapiformprop.md */
export const FPST_VANILLA = 0;
/** FPST_ENUM_PROP (mapiform.h): the SMAPIFormProp's union describes an enumeration. @see smapiformprop.md */
export const FPST_ENUM_PROP = 1;

/** MAPI_MESSAGE_BEHAVIOR_IPM (mapiform.h), a PR_FORM_MESSAGE_BEHAVIOR value. */
export const MAPI_MESSAGE_BEHAVIOR_IPM = 0;
/** MAPI_MESSAGE_BEHAVIOR_FOLDER (mapiform.h), a PR_FORM_MESSAGE_BEHAVIOR value. */
export const MAPI_MESSAGE_BEHAVIOR_FOLDER = 1;

/** SAVEOPTS_SAVEIFDIRTY (mapiform.h). @see imapiform-shutdownform.md */
export const SAVEOPTS_SAVEIFDIRTY = 0;
/** SAVEOPTS_NOSAVE (mapiform.h). @see imapiform-shutdownform.md */
export const SAVEOPTS_NOSAVE = 1;
/** SAVEOPTS_PROMPTSAVE (mapiform.h). @see imapiform-shutdownform.md */
export const SAVEOPTS_PROMPTSAVE = 2;

/** E_UNEXPECTED (winerror.h; not in the generated scodes): ShutdownForm on a form already shut down. @see imapiform-shutdownform.md */
export const E_UNEXPECTED = 0x8000ffff;
