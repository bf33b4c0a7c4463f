import { u8 } from './bytes.js';
import type { PstNode } from './ndb.js';

/** What a node's data stream holds, judged from its first block ([MS-PST] 2.3.1.2 bClientSig). */
export type DataKind = 'empty' | 'pc' | 'tc' | 'bth' | 'heap' | 'raw';

/**
 * Classifies a node's data: a property context, a table context, another heap-on-node, raw
 * bytes (large values, SAL, search queues) or nothing. Reads only the first block.
 */
export function dataKind(node: PstNode): DataKind {
  if (node.bidData === 0) return 'empty';
  const tree = node.data();
  if (tree.size === 0) return 'empty';
  const b = tree.block(0);
  if (b.length < 12 || u8(b, 2) !== 0xec) return 'raw';
  const sig = u8(b, 3);
  return sig === 0xbc ? 'pc' : sig === 0x7c ? 'tc' : sig === 0xb5 ? 'bth' : 'heap';
}
