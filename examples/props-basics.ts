// The README's example, kept here so it is type-checked and run by the test suite.
import {
  CreateIProp,
  HrGetOneProp,
  FPropCompareProp,
  MapiError,
  PR_SUBJECT_W,
  PR_SUBJECT_A,
  PR_IMPORTANCE,
  RELOP_GE,
  MAPI_E_NOT_FOUND,
} from '../src/index.js';

/** Runs the README example and returns what it printed. */
export async function propsBasics(log: (...args: unknown[]) => void = console.log): Promise<void> {
  const props = CreateIProp(); // MAPI's own in-memory IPropData
  await props.setProps([
    { ulPropTag: PR_SUBJECT_W, Value: 'Quarterly report' },
    { ulPropTag: PR_IMPORTANCE, Value: 2 },
  ]);

  const [subject] = await props.getProps([PR_SUBJECT_A]); // converted through the code page
  log(subject?.Value); // 'Quarterly report'

  const importance = await HrGetOneProp(props, PR_IMPORTANCE);
  log(FPropCompareProp(importance, RELOP_GE, { ulPropTag: PR_IMPORTANCE, Value: 1 })); // true

  try {
    await props.deleteProps([PR_SUBJECT_W]);
    await HrGetOneProp(props, PR_SUBJECT_W);
  } catch (e) {
    if (MapiError.is(e, MAPI_E_NOT_FOUND)) log(e.name); // 'MAPI_E_NOT_FOUND'
  }
}
