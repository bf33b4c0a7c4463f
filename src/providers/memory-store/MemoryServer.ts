import type { IdSource } from '../../core/spi/ids.js';
import { SeededIds } from '../../core/spi/ids.js';
import { ExchangeEntryIds } from '../../core/store/entryIds.js';
import { MemoryBackend } from './MemoryBackend.js';

/** A mailbox of a {@link MemoryServer}. */
export interface MemoryMailbox {
  /** The mailbox's identifier (PR_PROFILE_MAILBOX of the profiles that log on to it). */
  readonly id: string;
  /** The display name it was created with. */
  readonly displayName: string;
  /** Its data. */
  readonly backend: MemoryBackend;
}

/**
 * An in-memory mail server (the role Exchange plays in a world): mailboxes by identifier,
 * each a {@link MemoryBackend} with Exchange-style entry IDs (a MailboxGuid as provider
 * MAPIUID and a database GUID), both taken from the server's IdSource. Sessions of any
 * profile that name the same mailbox share its data; give one server to several subsystems
 * (`createMapi({ memoryServer })`) for several "machines" on one server. Identifiers compare
 * case-insensitively, as mailbox names do.
 */
export class MemoryServer {
  private readonly boxes = new Map<string, MemoryMailbox>();

  /** @param ids where mailbox and database GUIDs come from [a SeededIds: deterministic] */
  constructor(private readonly ids: IdSource = new SeededIds(0x4d534552)) {}

  /** True when the mailbox exists. */
  has(id: string): boolean {
    return this.boxes.has(id.toLowerCase());
  }

  /** A mailbox, or undefined. */
  get(id: string): MemoryMailbox | undefined {
    return this.boxes.get(id.toLowerCase());
  }

  /**
   * The mailbox `id`, created empty when it does not exist (`isNew` then true: the session
   * creates its default folders at the first logon).
   */
  mailbox(id: string, displayName = id): MemoryMailbox & { isNew: boolean } {
    const existing = this.get(id);
    if (existing) return { ...existing, isNew: false };
    const backend = new MemoryBackend(new ExchangeEntryIds(this.ids.guid().bytes, this.ids.guid().bytes));
    const box: MemoryMailbox = { id, displayName, backend };
    this.boxes.set(id.toLowerCase(), box);
    return { ...box, isNew: true };
  }

  /** Removes a mailbox and its data; false when there was none. Open stores on it keep working on the detached data. */
  delete(id: string): boolean {
    return this.boxes.delete(id.toLowerCase());
  }

  /** Every mailbox, in creation order. */
  mailboxes(): MemoryMailbox[] {
    return [...this.boxes.values()];
  }
}
