import { PROP_ID } from '../../../../src/core/props/tags.js';
import type { SPropValue } from '../../../../src/core/props/types.js';
import { PR_ATTACH_FILENAME, PR_ATTACH_LONG_FILENAME, PR_DISPLAY_NAME, PR_MESSAGE_CLASS, PR_SUBJECT } from '../../../../src/core/generated/proptags.js';
import type { PstFile, PstMessage } from '../../../../src/formats/pst/messaging/index.js';

/** A string property by id, whatever its string type. */
export function text(props: SPropValue[], tag: number): string | undefined {
  const v = props.find((p) => PROP_ID(p.ulPropTag) === PROP_ID(tag))?.Value;
  return typeof v === 'string' ? v : undefined;
}

/** What the interop tools show of an attachment: a file name, or an embedded item. */
export interface AttachmentInfo {
  name?: string;
  embedded?: ItemInfo;
}

/** What the interop tools show of a message. */
export interface ItemInfo {
  subject: string;
  messageClass: string;
  attachments: AttachmentInfo[];
}

/** A folder with its path of display names from the root folder. */
export interface FolderNode {
  path: string;
  nid: number;
  isSearch: boolean;
  items: ItemInfo[];
  subfolders: number;
}

/** Reads a message the way the tools summarize it (embedded messages to any depth). */
export function itemInfo(m: PstMessage): ItemInfo {
  const props = m.props();
  return {
    subject: text(props, PR_SUBJECT) ?? '',
    messageClass: text(props, PR_MESSAGE_CLASS) ?? '',
    attachments: m.attachments().map((a) => {
      const emb = a.embedded();
      if (emb) return { embedded: itemInfo(emb) };
      const p = a.props();
      const name = text(p, PR_ATTACH_LONG_FILENAME) ?? text(p, PR_ATTACH_FILENAME) ?? text(p, PR_DISPLAY_NAME);
      return name === undefined ? {} : { name };
    }),
  };
}

/** Every folder below the root folder, parents first, through the messaging layer. */
export function folderTree(file: PstFile): FolderNode[] {
  const out: FolderNode[] = [];
  const visit = (nid: number, prefix: string) => {
    const f = file.folder(nid);
    const children = f.childNids();
    const name = text(f.props(), PR_DISPLAY_NAME) ?? '';
    const path = prefix === '' ? name : `${prefix}/${name}`;
    out.push({ path, nid, isSearch: f.isSearch, items: f.messageNids(false).map((m) => itemInfo(file.message(m))), subfolders: children.length });
    for (const c of children) visit(c, path);
  };
  for (const c of file.root().childNids()) visit(c, '');
  return out;
}
