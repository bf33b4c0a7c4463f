import { MapiError } from '../errors/MapiError.js';
import { jsonReplacer } from '../props/values.js';
import type { SRestriction } from '../restriction/types.js';
import { MAPI_E_UNABLE_TO_COMPLETE } from '../generated/scodes.js';
import { keyHex, type ViewNode } from './nodes.js';
import type { View } from './View.js';

/** What a collapse state records (imapitable-getcollapsestate.md: the sort keys, the row, the category states). */
interface CollapseState {
  v: 1;
  /** The sort order set and restriction in effect, to refuse a state from another view of the rows. */
  sort: string;
  restriction: string;
  /** Paths of categories whose state differs from the sort's default (cExpanded). */
  flipped: string[];
  /** Instance key (hex) of the row the state was taken at. */
  at: string | null;
}

const MAGIC = 'mapi-emu collapse state ';

function fingerprint(x: unknown): string {
  return JSON.stringify(x, jsonReplacer);
}

/**
 * Saves the expanded/collapsed state of every category, with the sort and restriction it
 * belongs to and the row given by the caller.
 * @see imapitable-getcollapsestate.md
 */
export function encodeCollapseState(view: View, restriction: SRestriction | null, at: ViewNode | undefined): Uint8Array {
  const cExpanded = view.sortSpec.cExpanded;
  const flipped: string[] = [];
  for (const c of view.categories()) if (c.expanded !== c.level < cExpanded) flipped.push(c.path);
  const state: CollapseState = {
    v: 1,
    sort: fingerprint(view.sortSpec.source),
    restriction: fingerprint(restriction),
    flipped,
    at: at ? keyHex(at.instanceKey) : null,
  };
  return new TextEncoder().encode(MAGIC + JSON.stringify(state));
}

/**
 * Restores a saved state: every category back to its default, then the saved differences;
 * returns the row the state was taken at (or the next visible row), for the bookmark
 * setCollapseState returns. A state from another sort or restriction, or bytes that are not
 * a state, give MAPI_E_UNABLE_TO_COMPLETE (imapitable-setcollapsestate.md).
 */
export function decodeCollapseState(view: View, restriction: SRestriction | null, bytes: Uint8Array): ViewNode | null {
  let state: CollapseState;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (!text.startsWith(MAGIC)) throw new Error('not a collapse state');
    state = JSON.parse(text.slice(MAGIC.length)) as CollapseState;
    if (state.v !== 1 || !Array.isArray(state.flipped)) throw new Error('unknown collapse state version');
  } catch {
    throw new MapiError(MAPI_E_UNABLE_TO_COMPLETE, 'setCollapseState: the bytes are not a collapse state from getCollapseState');
  }
  if (state.sort !== fingerprint(view.sortSpec.source) || state.restriction !== fingerprint(restriction)) {
    throw new MapiError(MAPI_E_UNABLE_TO_COMPLETE, 'setCollapseState: the table was sorted or restricted differently when this state was saved');
  }
  const cExpanded = view.sortSpec.cExpanded;
  const flipped = new Set(state.flipped);
  // Outer categories first, so inner collapses happen while their rows are visible and bookmarks move as they should.
  for (const c of [...view.categories()]) {
    const want = flipped.has(c.path) ? !(c.level < cExpanded) : c.level < cExpanded;
    if (want) view.expand(c);
    else view.collapse(c);
  }
  if (state.at === null) return null;
  const node = findByHex(view, state.at);
  if (!node) return null;
  if (view.isVisible(node)) return node;
  // The row is collapsed out of view: its nearest visible heading stands for it.
  for (let p = node.parent; p; p = p.parent) if (p.level >= 0 && view.isVisible(p)) return p;
  return null;
}

function findByHex(view: View, hex: string): ViewNode | undefined {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return view.byInstanceKey(bytes);
}
