/**
 * Outlook item files (.msg, .oft): [MS-OXMSG] over our compound-file layer (`../cfb`).
 * See docs/msg.md and docs/decisions/ for the choices.
 *
 * The API a store or a tool builds on:
 * - {@link readMsg}: the whole message, eagerly, as the store kit's {@link MessageContent};
 * - {@link writeMsg}: a {@link MessageContent} to the bytes of a .msg file;
 * - {@link MsgFile}: the lazy reader (`MsgFile.open(bytes, names).getProps([...])` reads only
 *   those properties' streams; `recipients()`, `attachments()`, `embeddedMessage(num)`,
 *   `content()`).
 *
 * Named properties: every function takes the store's {@link NamedPropertyMap}. On read, each
 * name of the file's `__nameid_version1.0` map is mapped into it (created as needed) and the
 * properties come back under the store's identifiers; on write, each identifier 0x8000+ is
 * turned back into its name and the file gets its own map.
 *
 * Record conventions (those of the store kit): a recipient's PR_ROWID is its `rowId` and an
 * attachment's PR_ATTACH_NUM its `num` (both taken out of `props` on read and written back from
 * the record); an embedded message is `embedded`; an OLE attachment's storage (ATTACH_OLE) is a
 * compound file in PR_ATTACH_DATA_BIN.
 */
export { MsgFile, readMsg } from './MsgFile.js';
export { writeMsg } from './writeMsg.js';
export type { ReadMsgOptions, WriteMsgOptions } from './types.js';
export { CLSID_MAIL_MESSAGE, CLSID_OUTLOOK_TEMPLATE } from './constants.js';
export type { MessageContent, AttachmentRecord, RecipientRecord, PropMap } from '../../core/spi/store.js';
export type { NamedPropertyMap } from '../../core/props/NamedPropertyMap.js';
export { openMsgFile, saveMsgFile, writeFileAtomic } from './openMsgFile.js';
export type { MsgFileOptions } from './openMsgFile.js';
