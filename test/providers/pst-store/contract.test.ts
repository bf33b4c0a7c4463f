/**
 * The store-provider contract on the PST service (`MSUPST MS`) with its overlay: a copy of a
 * sample PST in a temporary directory, written through MAPI, the file itself never changed.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeStoreProviderContract, openServiceStore } from '../../../src/vitest/index.js';
import { pstStoreService } from '../../../src/providers/pst-store/service.js';
import { PR_PST_PATH } from '../../../src/core/generated/proptags.js';
import { SAMPLE_DIR } from '../../formats/pst/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'pst-contract-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh copy of a sample for each case (the overlay goes to a sidecar beside it). */
function freshCopy(sample: string): string {
  const path = join(dir, `${n++}-${sample}`);
  copyFileSync(SAMPLE_DIR + sample, path);
  return path;
}

describeStoreProviderContract('PST store (MSUPST MS) with its overlay, on a Unicode sample', {
  capabilities: { write: true, searchFolders: true, softDelete: true, associatedContents: true, saveContentsSort: true, notifications: true, submit: true },
  open: () => openServiceStore({ service: pstStoreService(), settings: [{ ulPropTag: PR_PST_PATH, Value: freshCopy('tika__testPST_variousBodyTypes.pst') }] }),
});

describeStoreProviderContract('PST store (MSPST MS) read-write, on the ANSI sample, overlay in memory', {
  capabilities: { write: true, searchFolders: true, softDelete: true, associatedContents: true, saveContentsSort: true, notifications: true, submit: true },
  open: () => openServiceStore({ service: pstStoreService({ name: 'MSPST MS', overlay: 'memory' }), settings: [{ ulPropTag: PR_PST_PATH, Value: freshCopy('gopst__32-bit.pst') }] }),
});
