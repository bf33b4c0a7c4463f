/** Test set-up of the conformance forms scenario, shared by the emulator target and the host. */
import { MAPIOpenFormMgr } from '../../../src/core/forms/FormMgr.js';
import { HFRMREG_LOCAL } from '../../../src/core/forms/constants.js';
import type { FormDescription } from '../../../src/core/forms/types.js';
import type { IMAPISession } from '../../../src/core/session/interfaces.js';

/** Installs forms in the local form library of an emulator session's subsystem (as Outlook's would already be installed). */
export async function installLocalForms(session: IMAPISession, forms: readonly FormDescription[]): Promise<null> {
  const mgr = await MAPIOpenFormMgr(session);
  try {
    const local = await mgr.openFormContainer(HFRMREG_LOCAL, null);
    try {
      for (const f of forms) await local.installForm(0, 0, f);
    } finally {
      local.release();
    }
  } finally {
    mgr.release();
  }
  return null;
}
