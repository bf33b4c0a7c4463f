import type { IdSource } from '../../core/spi/ids.js';
import type { SPropValue } from '../../core/props/types.js';
import { SeededIds } from '../../core/spi/ids.js';
import { ExchangeEntryIds } from '../../core/store/entryIds.js';
import { MemoryBackend, type MemoryBackendSnapshot } from './MemoryBackend.js';

/** The state of a {@link MemoryServer} at one moment ({@link MemoryServer.snapshot}). */
export interface MemoryServerSnapshot {
  readonly boxes: readonly (readonly [key: string, box: MemoryMailbox, data: MemoryBackendSnapshot])[];
  readonly directory: ReadonlyMap<string, DirectoryUser>;
  readonly ids: unknown;
}

/** What {@link MemoryServer.addUser} is given. */
export interface DirectoryUserSpec {
  /** The user's mailbox identifier (PR_PROFILE_MAILBOX of the user's profiles). */
  readonly mailbox: string;
  /** PR_DISPLAY_NAME [the mailbox identifier]. */
  readonly displayName?: string;
  /** PR_SMTP_ADDRESS [`<mailbox>@example.com`]. */
  readonly smtpAddress?: string;
  /** Further address-book properties of the user (PR_GIVEN_NAME, PR_SURNAME, PR_TITLE, PR_DEPARTMENT_NAME, ...). */
  readonly props?: readonly SPropValue[];
}

/**
 * A user in a {@link MemoryServer}'s directory (the role Active Directory plays for Exchange):
 * what the global address list shows and what mail is delivered by.
 */
export interface DirectoryUser {
  /** The mailbox identifier. */
  readonly mailbox: string;
  /** PR_DISPLAY_NAME. */
  readonly displayName: string;
  /** PR_SMTP_ADDRESS: the SMTP address type's PR_EMAIL_ADDRESS. */
  readonly smtpAddress: string;
  /** The Exchange address (legacyExchangeDN): the EX address type's PR_EMAIL_ADDRESS. */
  readonly exAddress: string;
  /** Further address-book properties. */
  readonly props: readonly SPropValue[];
}

/** The Exchange organization the directory's EX addresses are in. */
export const MEMORY_SERVER_ORG = '/o=mapi-emu/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)';

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
  private readonly directory = new Map<string, DirectoryUser>();

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

  /**
   * Adds a user to the directory (or replaces the one with that mailbox). The user's mailbox
   * itself is made at its first logon. EX address: `<MEMORY_SERVER_ORG>/cn=Recipients/cn=<mailbox>`.
   */
  addUser(spec: DirectoryUserSpec): DirectoryUser {
    const user: DirectoryUser = Object.freeze({
      mailbox: spec.mailbox,
      displayName: spec.displayName ?? spec.mailbox,
      smtpAddress: spec.smtpAddress ?? `${spec.mailbox}@example.com`,
      exAddress: `${MEMORY_SERVER_ORG}/cn=Recipients/cn=${spec.mailbox}`,
      props: Object.freeze([...(spec.props ?? [])]),
    });
    this.directory.set(spec.mailbox.toLowerCase(), user);
    return user;
  }

  /** Every user of the directory, in the order they were added. */
  users(): DirectoryUser[] {
    return [...this.directory.values()];
  }

  /** The directory user with this mailbox, or undefined. */
  user(mailbox: string): DirectoryUser | undefined {
    return this.directory.get(mailbox.toLowerCase());
  }

  /** The directory user an address names (address type `SMTP` or `EX`, compared case-insensitively), or undefined. */
  findUser(addressType: string, address: string): DirectoryUser | undefined {
    const type = addressType.toUpperCase();
    const a = address.toLowerCase();
    for (const u of this.directory.values()) {
      if (type === 'SMTP' && u.smtpAddress.toLowerCase() === a) return u;
      if (type === 'EX' && u.exAddress.toLowerCase() === a) return u;
    }
    return undefined;
  }

  /** Every mailbox, in creation order. */
  mailboxes(): MemoryMailbox[] {
    return [...this.boxes.values()];
  }

  /**
   * The whole server at this moment (mailboxes, their data, the directory, the position of
   * its id source when that can be saved), for world snapshots.
   */
  snapshot(): MemoryServerSnapshot {
    const ids = this.ids as IdSource & { snapshot?: () => unknown };
    return {
      boxes: [...this.boxes].map(([key, box]) => [key, box, box.backend.snapshot()] as const),
      directory: new Map(this.directory),
      ids: typeof ids.snapshot === 'function' ? ids.snapshot() : undefined,
    };
  }

  /**
   * Puts the server back as it was at {@link snapshot}: mailboxes made since are dropped, the
   * others (the same backend objects) get their data back. Stores still open on them see the
   * restored data only after they are reopened (their caches are not reset).
   */
  restore(s: MemoryServerSnapshot): void {
    this.boxes.clear();
    for (const [key, box, data] of s.boxes) {
      box.backend.restore(data);
      this.boxes.set(key, box);
    }
    this.directory.clear();
    for (const [k, u] of s.directory) this.directory.set(k, u);
    const ids = this.ids as IdSource & { restore?: (state: unknown) => void };
    if (s.ids !== undefined && typeof ids.restore === 'function') ids.restore(s.ids);
  }
}
