/**
 * Sibling trees for the writer ([MS-CFB] 2.6.4): a balanced binary search tree over siblings
 * already sorted by the CFB name order, coloured as a valid red-black tree.
 */
import { Color } from './constants.js';

/** A sibling tree over `n` sorted items: indexes into the sorted list, -1 for none. */
export interface SiblingTree {
  root: number;
  left: Int32Array;
  right: Int32Array;
  color: Uint8Array;
}

/**
 * Builds the tree by taking the middle item as the root of each range. Every level but the
 * deepest is then full, so colouring the deepest level red (unless it is the root) and every
 * other node black gives each root-to-leaf path the same number of black nodes, never two reds
 * in a row, and a black root: a correct red-black tree, not only the all-black tree the spec
 * tolerates. Depth stays ⌊log2 n⌋, which readers that recurse appreciate.
 */
export function buildSiblingTree(n: number): SiblingTree {
  const left = new Int32Array(n).fill(-1);
  const right = new Int32Array(n).fill(-1);
  const color = new Uint8Array(n).fill(Color.Black);
  const deepest = n > 0 ? 31 - Math.clz32(n) : 0;
  // Recursion depth is log2(n), at most 32.
  const build = (lo: number, hi: number, depth: number): number => {
    if (lo >= hi) return -1;
    const mid = (lo + hi) >>> 1;
    left[mid] = build(lo, mid, depth + 1);
    right[mid] = build(mid + 1, hi, depth + 1);
    if (depth === deepest && depth > 0) color[mid] = Color.Red;
    return mid;
  };
  return { root: build(0, n, 0), left, right, color };
}
