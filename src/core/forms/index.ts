/** Forms: the form manager, form containers (libraries), form information objects and form objects. */
export { MAPIOpenFormMgr } from './FormMgr.js';
export { parseFormConfig, readFormConfig } from './cfg.js';
export type { FormConfigOptions } from './cfg.js';
export {
  HFRMREG_DEFAULT,
  HFRMREG_LOCAL,
  HFRMREG_PERSONAL,
  HFRMREG_FOLDER,
  FORMPROPSET_UNION,
  FORMPROPSET_INTERSECTION,
  MAPIFORM_EXACTMATCH,
  MAPIFORM_INSTALL_OVERWRITEONCONFLICT,
  FPST_VANILLA,
  FPST_ENUM_PROP,
  MAPI_MESSAGE_BEHAVIOR_IPM,
  MAPI_MESSAGE_BEHAVIOR_FOLDER,
  SAVEOPTS_SAVEIFDIRTY,
  SAVEOPTS_NOSAVE,
  SAVEOPTS_PROMPTSAVE,
  E_UNEXPECTED,
} from './constants.js';
export type {
  IMAPIFormMgr,
  IMAPIFormContainer,
  IMAPIFormInfo,
  IMAPIForm,
  FormDescription,
  FormVerbDescription,
  FormPropertyDescription,
  FormHandler,
  FormVerbContext,
  SMAPIVerb,
  SMAPIVerbArray,
  SMAPIFormProp,
  SMAPIFormPropArray,
  SMAPIFormPropEnumVal,
  SMAPIFormInfoArray,
} from './types.js';
