import type { GUID } from '../props/guid.js';
import type { IMAPIProp, IUnknown } from '../props/interfaces.js';
import type { SPropProblemArray, SPropValue } from '../props/types.js';
import type { AttachmentRecord, MessageContent, PropMap } from '../spi/store.js';
import type { IAttach, IMessage } from './interfaces.js';
import type { StoreContext } from './StoreContext.js';
import type { MessageObject } from './Message.js';
import { MapiProp } from '../props/MapiProp.js';
import { MapiError } from '../errors/MapiError.js';
import { PROP_ID, PROP_TYPE } from '../props/tags.js';
import { ATTACH_COMPUTED_IDS, attachmentComputedProps } from './subobjects.js';
import { cloneContent, clonePropMap } from './messageOps.js';
import { embeddedMessage, newContent } from './Message.js';
import { IID_IAttachment, IID_IMAPIProp, IID_IMessage, IID_IStream, IID_IStreamDocfile } from '../generated/guids.js';
import { PT_OBJECT } from '../generated/proptypes.js';
import {
  PR_ATTACH_DATA_BIN,
  PR_ATTACH_DATA_OBJ,
  PR_ATTACH_METHOD,
  PR_CREATION_TIME,
  PR_LAST_MODIFICATION_TIME,
  PR_RECORD_KEY,
} from '../generated/proptags.js';
import { ATTACH_EMBEDDED_MSG, MAPI_ATTACH, MAPI_CREATE, MAPI_MODIFY, MAPI_MOVE, NO_ATTACHMENT } from '../generated/constants.js';
import { MAPI_E_COMPUTED, MAPI_E_NO_ACCESS, MAPI_E_NOT_FOUND, MAPI_E_OBJECT_DELETED } from '../generated/scodes.js';

const DATA_ID = PROP_ID(PR_ATTACH_DATA_OBJ);
const READ_ONLY_IDS = new Set([...ATTACH_COMPUTED_IDS, PROP_ID(PR_RECORD_KEY), PROP_ID(PR_CREATION_TIME)]);

/**
 * An attachment handle: IAttach over its own copy of the attachment. Its saveChanges writes
 * into the pending content of the message handle that opened it (the attachment is
 * transacted inside the message's transaction); the message's saveChanges commits it.
 * PR_ATTACH_DATA_OBJ opens the embedded message (IID_IMessage), which saves into this
 * attachment the same way, to any depth.
 * @see iattachimapiprop.md
 */
export class AttachObject extends MapiProp implements IAttach {
  readonly interfaceName = 'IAttach';
  protected readonly interfaceIds: readonly GUID[] = [IID_IAttachment, IID_IMAPIProp];
  protected readonly objectType = MAPI_ATTACH;
  /** PR_ATTACH_NUM. */
  readonly num: number;
  /** The embedded message of an ATTACH_EMBEDDED_MSG attachment, as this handle holds it. */
  private embedded: MessageContent | undefined;
  /** The attachment exists in the message handle (it was saved at least once). */
  private saved: boolean;
  private readonly dirty = new Set<number>();

  constructor(
    /** The message handle the attachment belongs to. */
    readonly message: MessageObject,
    rec: AttachmentRecord,
    saved: boolean,
    writable: boolean,
  ) {
    const ctx = message.ctx;
    super(rec.props, {
      transacted: true,
      writable,
      namedProps: ctx.backend.namedProps,
      largeValueLimit: ctx.options.largeValueLimit,
      codePage: () => ctx.support.codePage,
    });
    this.num = rec.num;
    this.embedded = rec.embedded;
    this.saved = saved;
    this.interceptor = ctx.support.interceptor;
  }

  /** The store context. */
  get ctx(): StoreContext {
    return this.message.ctx;
  }

  private record(): AttachmentRecord {
    return { num: this.num, props: this.values, ...(this.embedded && { embedded: this.embedded }) };
  }

  protected override computeProp(id: number): SPropValue | undefined {
    if (!ATTACH_COMPUTED_IDS.has(id)) return super.computeProp(id);
    return attachmentComputedProps(this.record()).get(id);
  }

  protected override computedIds(): number[] {
    return [...new Set([...super.computedIds(), ...ATTACH_COMPUTED_IDS])];
  }

  protected override writeProblem(tag: number): number | undefined {
    // PR_ATTACH_NUM: "Message stores generate and maintain this property"; PR_ATTACH_SIZE is computed; the record key and creation time are the store's stamps.
    return READ_ONLY_IDS.has(PROP_ID(tag)) ? MAPI_E_COMPUTED : undefined;
  }

  protected override copyableIds(): number[] {
    // A copy is a new attachment: it gets its own record key and creation time.
    return super.copyableIds().filter((id) => !READ_ONLY_IDS.has(id));
  }

  protected override objectPropTags(): number[] {
    return this.embedded ? [PR_ATTACH_DATA_OBJ] : [];
  }

  protected override touched(ids: number[]): void {
    // PR_ATTACH_DATA_BIN and PR_ATTACH_DATA_OBJ "share the same property identifier": binary data replaces an embedded message.
    if (ids.includes(DATA_ID) && this.values.has(DATA_ID)) this.embedded = undefined;
    for (const id of ids) this.dirty.add(id);
    super.touched(ids);
  }

  protected override async openSubobject(tag: number, iid: GUID, options: number, flags: number): Promise<IUnknown | undefined> {
    if (PROP_ID(tag) !== DATA_ID) return undefined;
    if (iid.equals(IID_IMessage)) return this.openEmbedded(flags);
    // pidtagattachdataobject-canonical-property.md: PR_ATTACH_DATA_OBJ and PR_ATTACH_DATA_BIN "are two renditions of the same property":
    // a stream on the object rendition is a stream on the binary data.
    if (PROP_TYPE(tag) === PT_OBJECT && (iid.equals(IID_IStream) || iid.equals(IID_IStreamDocfile)) && !this.embedded) {
      return this.openProperty(PR_ATTACH_DATA_BIN, iid, options, flags);
    }
    return undefined;
  }

  /** openProperty(PR_ATTACH_DATA_OBJ, IID_IMessage): the embedded message, created with MAPI_CREATE. */
  private openEmbedded(flags: number): IMessage {
    const writable = (flags & (MAPI_MODIFY | MAPI_CREATE)) !== 0;
    if (this.embedded) return embeddedMessage(this, cloneContent(this.embedded), true, writable);
    if (!(flags & MAPI_CREATE)) throw new MapiError(MAPI_E_NOT_FOUND, 'IAttach.openProperty: the attachment has no embedded message (pass MAPI_CREATE | MAPI_MODIFY to create one)');
    // A new embedded message replaces binary data; an attachment still at NO_ATTACHMENT becomes ATTACH_EMBEDDED_MSG.
    this.values.delete(DATA_ID);
    this.embedded = newContent(this.ctx, false);
    const method = this.values.get(PROP_ID(PR_ATTACH_METHOD));
    if (!method || method.Value === NO_ATTACHMENT) this.values.set(PROP_ID(PR_ATTACH_METHOD), { ulPropTag: PR_ATTACH_METHOD, Value: ATTACH_EMBEDDED_MSG });
    this.touched([DATA_ID, PROP_ID(PR_ATTACH_METHOD)]);
    return embeddedMessage(this, cloneContent(this.embedded), false, true);
  }

  /** The embedded message's saveChanges wrote `content` into this handle. @internal */
  embeddedSaved(content: MessageContent): void {
    if (!this.opts.writable) throw new MapiError(MAPI_E_NO_ACCESS, 'IMessage.saveChanges: the attachment that holds this embedded message is read-only');
    this.values.delete(DATA_ID);
    this.embedded = content;
    this.touched([DATA_ID]);
  }

  protected override async copySubobjects(dest: IMAPIProp, ids: Set<number>, flags: number): Promise<SPropProblemArray> {
    if (!ids.has(DATA_ID) || !this.embedded) return [];
    // The embedded message is copied into a new embedded message of the destination attachment.
    const target = await dest.openProperty<IMessage>(PR_ATTACH_DATA_OBJ, IID_IMessage, 0, MAPI_CREATE | MAPI_MODIFY);
    const source = embeddedMessage(this, cloneContent(this.embedded), true, false);
    const problems = await source.copyTo(null, null, null, IID_IMessage, target, flags & ~MAPI_MOVE);
    await target.saveChanges(0);
    return problems;
  }

  protected override commit(_flags: number): Promise<void> {
    const msg = this.message;
    if (this.saved && (msg.attachmentDeleted(this.num) || !msg.attachment(this.num))) {
      throw new MapiError(MAPI_E_OBJECT_DELETED, `IAttach.saveChanges: attachment ${this.num} has been deleted from the message`);
    }
    if (!msg.isWritable) throw new MapiError(MAPI_E_NO_ACCESS, 'IAttach.saveChanges: the message that holds the attachment is read-only');
    const now = this.ctx.support.clock.now();
    const props: PropMap = clonePropMap(this.values);
    if (!this.saved) props.set(PROP_ID(PR_CREATION_TIME), { ulPropTag: PR_CREATION_TIME, Value: now });
    // pidtaglastmodificationtime-canonical-property.md: attachments may carry the file's own time; otherwise the save time.
    if (!this.dirty.has(PROP_ID(PR_LAST_MODIFICATION_TIME))) props.set(PROP_ID(PR_LAST_MODIFICATION_TIME), { ulPropTag: PR_LAST_MODIFICATION_TIME, Value: now });
    msg.attachmentSaved({ num: this.num, props, ...(this.embedded && { embedded: cloneContent(this.embedded) }) });
    this.values = clonePropMap(props);
    this.saved = true;
    this.dirty.clear();
    return Promise.resolve();
  }
}
