import { describeAbProviderContract, openServiceAddressBook } from '../../../src/vitest/abContract.js';
import { pabService, PabStore } from '../../../src/providers/pab/service.js';
import { MAPI_MAILUSER } from '../../../src/core/generated/constants.js';
import { PR_ADDRTYPE, PR_DISPLAY_NAME, PR_EMAIL_ADDRESS } from '../../../src/core/generated/proptags.js';

describeAbProviderContract('personal address book', {
  capabilities: { write: true },
  open: async () => {
    const store = new PabStore();
    const env = await openServiceAddressBook({ service: pabService(store) });
    // Entries made by the provider's own API are seen like the ones the client creates.
    for (const pab of store.all()) pab.add(MAPI_MAILUSER, [{ ulPropTag: PR_DISPLAY_NAME, Value: 'Seeded' }, { ulPropTag: PR_ADDRTYPE, Value: 'SMTP' }, { ulPropTag: PR_EMAIL_ADDRESS, Value: 'seeded@x.example' }]);
    return env;
  },
});
