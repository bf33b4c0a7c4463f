import type { IdSource } from '../spi/ids.js';
import { Profile } from './Profile.js';

/** The profiles of a subsystem at one moment ({@link ProfileStore.snapshot}). */
export interface ProfileStoreSnapshot {
  readonly profiles: readonly Profile[];
  readonly defaultKey: string | undefined;
}

/**
 * The profiles of a subsystem (the role of the registry's Profiles key): names compare
 * case-insensitively; deletes and renames of profiles in use wait until their last session
 * ends (iprofadmin-deleteprofile.md, iprofadmin-renameprofile.md).
 */
export class ProfileStore {
  private readonly byKey = new Map<string, Profile>();
  private defaultKey: string | undefined;

  constructor(private readonly ids: IdSource) {}

  /** A live profile (not marked for deletion) by name. */
  get(name: string): Profile | undefined {
    const p = this.byKey.get(name.toLowerCase());
    return p && !p.pendingDelete ? p : undefined;
  }

  /** True when the name is taken, by a live profile or one waiting for deletion. */
  has(name: string): boolean {
    return this.byKey.has(name.toLowerCase());
  }

  /** Live profiles in creation order; app profiles only with `includeApp`. */
  list(includeApp: boolean): Profile[] {
    return [...this.byKey.values()].filter((p) => !p.pendingDelete && (includeApp || !p.app));
  }

  /** The default profile, if any. */
  defaultProfile(): Profile | undefined {
    return this.defaultKey === undefined ? undefined : this.get(this.defaultKey);
  }

  /** True when `p` is the default profile. */
  isDefault(p: Profile): boolean {
    return this.defaultKey === p.name.toLowerCase();
  }

  /** Sets or clears the default profile. */
  setDefault(p: Profile | undefined): void {
    this.defaultKey = p?.name.toLowerCase();
  }

  /** Creates an empty profile (the caller checked the name is free). */
  create(name: string, app: boolean): Profile {
    const p = new Profile(name, app, this.ids);
    this.byKey.set(name.toLowerCase(), p);
    return p;
  }

  /** Adds a copied profile under its (free) name. */
  add(p: Profile): void {
    this.byKey.set(p.name.toLowerCase(), p);
  }

  /** Deletes a profile now, or marks it when sessions use it. */
  delete(p: Profile): void {
    if (this.isDefault(p)) this.defaultKey = undefined;
    if (p.sessions > 0) p.pendingDelete = true;
    else this.byKey.delete(p.name.toLowerCase());
  }

  /** Renames a profile now, or when its last session ends. */
  rename(p: Profile, newName: string): void {
    if (p.sessions > 0) {
      p.pendingRename = newName;
      return;
    }
    this.applyRename(p, newName);
  }

  /** Copies of every profile and the default, for world snapshots. */
  snapshot(): ProfileStoreSnapshot {
    return { profiles: [...this.byKey.values()].map((p) => p.clone()), defaultKey: this.defaultKey };
  }

  /** Replaces every profile with (fresh copies of) a snapshot's. Call it with no session logged on. */
  restore(s: ProfileStoreSnapshot): void {
    this.byKey.clear();
    for (const p of s.profiles) this.byKey.set(p.name.toLowerCase(), p.clone());
    this.defaultKey = s.defaultKey;
  }

  /** A session started on `p`. */
  sessionStarted(p: Profile): void {
    p.sessions++;
  }

  /** A session on `p` ended: applies a pending delete or rename. */
  sessionEnded(p: Profile): void {
    p.sessions = Math.max(0, p.sessions - 1);
    if (p.sessions > 0) return;
    if (p.pendingDelete) {
      if (this.byKey.get(p.name.toLowerCase()) === p) this.byKey.delete(p.name.toLowerCase());
      return;
    }
    if (p.pendingRename !== undefined) {
      const to = p.pendingRename;
      p.pendingRename = undefined;
      // Another profile may have taken the name meanwhile; then the rename is dropped.
      if (!this.has(to) || to.toLowerCase() === p.name.toLowerCase()) this.applyRename(p, to);
    }
  }

  private applyRename(p: Profile, newName: string): void {
    const wasDefault = this.isDefault(p);
    this.byKey.delete(p.name.toLowerCase());
    p.name = newName;
    this.byKey.set(newName.toLowerCase(), p);
    if (wasDefault) this.defaultKey = newName.toLowerCase();
    p.changed();
  }
}
