import { MapiError } from '../../core/errors/MapiError.js';
import { MAPI_E_CORRUPT_DATA } from '../../core/generated/scodes.js';

/** `0x1A2B` form of a number (unsigned for 32-bit values). */
export function hex(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return '0x' + (n < 0 && n >= -0x80000000 ? n >>> 0 : n).toString(16).toUpperCase();
}

/** Where a structure was read from, for error messages. */
export interface Where {
  /** The node (or subnode) being read. */
  nid?: number | undefined;
  /** The block being read. */
  bid?: number | undefined;
  /** The file offset of the page or block. */
  ib?: number | undefined;
}

/** Formats a {@link Where} as ` (node 0x21, block 0x48, offset 0x4A00)`. */
export function describeWhere(where: Where | undefined): string {
  if (!where) return '';
  const parts: string[] = [];
  if (where.nid !== undefined) parts.push(`node ${hex(where.nid)}`);
  if (where.bid !== undefined) parts.push(`block ${hex(where.bid)}`);
  if (where.ib !== undefined) parts.push(`offset ${hex(where.ib)}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/**
 * The error every malformed structure gives: MAPI_E_CORRUPT_DATA with what was wrong, the node
 * and the file offset in the message.
 */
export function corrupt(detail: string, where?: Where): MapiError {
  return new MapiError(MAPI_E_CORRUPT_DATA, `[MS-PST] corrupt file: ${detail}${describeWhere(where)}`);
}

/**
 * Runs `fn`; a MAPI_E_CORRUPT_DATA it throws without a node in its message gets `nid` added,
 * so errors raised deep in the NDB layer name the node the caller asked for.
 */
export function withNode<T>(nid: number, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof MapiError && e.scode === MAPI_E_CORRUPT_DATA && !e.message.includes('node 0x')) {
      throw new MapiError(MAPI_E_CORRUPT_DATA, `${e.message} [reading node ${hex(nid)}]`);
    }
    throw e;
  }
}
