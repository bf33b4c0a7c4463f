import type { Clock } from '../spi/clock.js';
import type { IdSource } from '../spi/ids.js';
import type { StoreBackend } from '../spi/store.js';
import type { MessageServiceDefinition } from '../spi/services.js';
import type { Scheduler } from '../notify/scheduler.js';
import type { CallInterceptor, InterceptedCall } from '../props/MapiUnknown.js';
import type { IMAPISession, IProfAdmin } from './interfaces.js';
import { systemClock } from '../spi/clock.js';
import { SeededIds } from '../spi/ids.js';
import { NotificationHub } from '../notify/NotificationHub.js';
import { defaultScheduler } from '../notify/scheduler.js';
import { MapiError } from '../errors/MapiError.js';
import { StoreContext, defaultStoreOptions, type StoreOptions, type StoreSupport } from '../store/StoreContext.js';
import { initializeStore } from '../store/defaultFolders.js';
import { MAPI_INIT_VERSION, MAPI_MULTITHREAD_NOTIFICATIONS, MAPI_NT_SERVICE } from '../generated/constants.js';
import { MAPI_E_INVALID_PARAMETER, MAPI_E_NOT_INITIALIZED, MAPI_E_UNKNOWN_FLAGS } from '../generated/scodes.js';
import { MAPI_NO_COINIT } from '../generated/constants.js';
import { ServiceRegistry, type RegisterServiceOptions } from './ServiceRegistry.js';
import { ProfileStore } from './ProfileStore.js';
import { ProfAdmin } from './ProfAdmin.js';
import { logonEx } from './logon.js';
import type { SessionCore } from './SessionCore.js';
import { Spooler } from '../spooler/Spooler.js';
import { MockControls } from '../mock/MockControls.js';

/** Options of a MAPI world. */
export interface MapiOptions {
  /** Where time comes from [systemClock]; pass a VirtualClock in tests. */
  clock?: Clock;
  /** Where GUIDs and counters come from [a SeededIds with the default seed: deterministic]. */
  ids?: IdSource;
  /** Where asynchronous notification delivery and TBL_ASYNC work run [defaultScheduler]. */
  scheduler?: Scheduler;
  /** CP_ACP of the emulated machine [1252]. */
  codePage?: number;
  /** Routes every interface call through the mock layer (fault injection, overrides, call log) [none]. */
  interceptor?: CallInterceptor | null;
  /** Behaviour of the stores opened in this world. */
  storeOptions?: Partial<StoreOptions>;
}

/** MAPIINIT_0. @see mapiinit_0.md */
export interface MAPIINIT_0 {
  /** MAPI_INIT_VERSION (0). */
  ulVersion: number;
  /** MAPI_MULTITHREAD_NOTIFICATIONS, MAPI_NT_SERVICE, MAPI_NO_COINIT. */
  ulFlags: number;
}

/** A store context shared by every session of the subsystem on one backend. */
interface ContextSlot {
  ctx: StoreContext;
  refs: number;
  ready: Promise<void>;
}

/**
 * One isolated MAPI world: the MAPI subsystem (MAPI32.DLL and the profile provider), with
 * its registered message services (the role of MAPISVC.INF), its profiles, its sessions and
 * the stores they share, its notification hub, clock and identifier source. Nothing is
 * global: two subsystems never see each other's profiles or objects.
 *
 * `ids` defaults to a seeded, deterministic source, so two runs of a test produce the same
 * entry IDs; pass `new RandomIds()` for real-world uniqueness.
 * @see mapiinitialize.md
 */
export class MapiSubsystem {
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly scheduler: Scheduler;
  readonly hub: NotificationHub;
  readonly codePage: number;
  readonly storeOptions: StoreOptions;
  /** The registered message services (MAPISVC.INF). */
  readonly services = new ServiceRegistry();
  /** The profiles (internal; use MAPIAdminProfiles). */
  readonly profiles: ProfileStore;
  /** The mock layer every call on every object of this world goes through, or null. */
  interceptor: CallInterceptor | null;
  /**
   * The interceptor set on every object this subsystem creates: answers MAPI_E_NOT_INITIALIZED
   * once MAPIUninitialize has been called as often as MAPIInitialize, then hands the call to
   * {@link interceptor}.
   */
  readonly gate: CallInterceptor;
  /** The shared session (logged on with MAPI_ALLOW_OTHERS), if any. */
  sharedSession: SessionCore | undefined;
  private initCount = 0;
  private readonly contexts = new Map<StoreBackend, ContextSlot>();
  private readonly sessions = new Set<SessionCore>();

  constructor(options: MapiOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.ids = options.ids ?? new SeededIds();
    this.scheduler = options.scheduler ?? defaultScheduler;
    this.hub = new NotificationHub({ scheduler: this.scheduler });
    this.codePage = options.codePage ?? 1252;
    this.interceptor = options.interceptor ?? null;
    this.storeOptions = { ...defaultStoreOptions, ...options.storeOptions };
    this.profiles = new ProfileStore(this.ids);
    const self = this;
    this.gate = {
      intercept<T>(call: InterceptedCall, next: () => Promise<T>): Promise<T> {
        // mapiinitialize.md: calls without MAPIInitialize "return the MAPI_E_NOT_INITIALIZED value".
        if (!self.initialized) return Promise.reject(new MapiError(MAPI_E_NOT_INITIALIZED, `${call.interfaceName}.${call.method}: MAPI is not initialized (call MAPIInitialize)`));
        return self.interceptor ? self.interceptor.intercept(call, next) : next();
      },
    };
  }

  /** True between MAPIInitialize and the matching last MAPIUninitialize. */
  get initialized(): boolean {
    return this.initCount > 0;
  }

  /** Registers a message service (adds it to MAPISVC.INF's [Services]; `default` to [Default Services]). */
  registerService(def: MessageServiceDefinition, options?: RegisterServiceOptions): void {
    this.services.register(def, options);
  }

  /** Delivers every pending notification (HrDispatchNotifications for tests). @see hrdispatchnotifications.md */
  flushNotifications(): Promise<void> {
    return this.hub.flush();
  }

  /**
   * Increments the subsystem's reference count (mapiinitialize.md).
   * @see mapiinitialize.md
   */
  MAPIInitialize(lpMapiInit: MAPIINIT_0 | null = null): Promise<void> {
    // mapiinitialize.md step 1: "Checks parameters and flags" → MAPI_E_INVALID_PARAMETER or MAPI_E_UNKNOWN_FLAGS.
    if (lpMapiInit !== null && lpMapiInit !== undefined) {
      if (typeof lpMapiInit !== 'object' || typeof lpMapiInit.ulVersion !== 'number' || typeof lpMapiInit.ulFlags !== 'number') {
        return Promise.reject(new MapiError(MAPI_E_INVALID_PARAMETER, 'MAPIInitialize: lpMapiInit must be a MAPIINIT_0 ({ ulVersion, ulFlags }) or null'));
      }
      if (lpMapiInit.ulVersion !== MAPI_INIT_VERSION) return Promise.reject(new MapiError(MAPI_E_INVALID_PARAMETER, 'MAPIInitialize: ulVersion must be MAPI_INIT_VERSION'));
      const allowed = MAPI_MULTITHREAD_NOTIFICATIONS | MAPI_NT_SERVICE | MAPI_NO_COINIT;
      if (lpMapiInit.ulFlags & ~allowed) {
        return Promise.reject(new MapiError(MAPI_E_UNKNOWN_FLAGS, `MAPIInitialize: unknown flags 0x${((lpMapiInit.ulFlags & ~allowed) >>> 0).toString(16)}`));
      }
    }
    this.initCount++;
    return Promise.resolve();
  }

  /**
   * Decrements the reference count; at zero, every later call answers MAPI_E_NOT_INITIALIZED
   * until MAPIInitialize is called again (mapiuninitialize.md: "After MAPIUninitialize is
   * called, no other MAPI calls can be made by the client"). Extra calls do nothing.
   * @see mapiuninitialize.md
   */
  MAPIUninitialize(): void {
    if (this.initCount > 0) this.initCount--;
  }

  /**
   * Logs on to a profile. No UI exists: a logon that would need a dialog (no profile name and
   * no default with MAPI_USE_DEFAULT, an unknown profile) answers MAPI_E_LOGON_FAILED.
   * @see mapilogonex.md
   */
  MAPILogonEx(lpszProfileName: string | null, lpszPassword: string | null, flFlags = 0): Promise<IMAPISession> {
    if (!this.initialized) return Promise.reject(new MapiError(MAPI_E_NOT_INITIALIZED, 'MAPILogonEx: MAPI is not initialized (call MAPIInitialize)'));
    return logonEx(this, lpszProfileName, lpszPassword, flFlags);
  }

  /**
   * A profile administration object.
   * @see mapiadminprofiles.md
   */
  MAPIAdminProfiles(ulFlags = 0): Promise<IProfAdmin> {
    if (!this.initialized) return Promise.reject(new MapiError(MAPI_E_NOT_INITIALIZED, 'MAPIAdminProfiles: MAPI is not initialized (call MAPIInitialize)'));
    if (typeof ulFlags !== 'number' || ulFlags !== 0) {
      return Promise.reject(new MapiError(typeof ulFlags === 'number' ? MAPI_E_UNKNOWN_FLAGS : MAPI_E_INVALID_PARAMETER, 'MAPIAdminProfiles: ulFlags must be 0'));
    }
    return Promise.resolve(new ProfAdmin(this));
  }

  // ------------------------------------------------------------------ for sessions

  /** What the subsystem gives every store. */
  storeSupport(): StoreSupport {
    return {
      clock: this.clock,
      ids: this.ids,
      hub: this.hub,
      scheduler: this.scheduler,
      codePage: this.codePage,
      interceptor: this.gate,
      // The spooler hand-off (IMessage::SubmitMessage) and read reports (IMessage::SetReadFlag).
      submit: (ctx, id) => this.spooler.submit(ctx, id),
      readReport: (ctx, rec, kind) => this.spooler.readReceipt(ctx, rec, kind),
    };
  }

  private spoolerInstance: Spooler | undefined;

  /**
   * The MAPI spooler of this world: sends what stores submit through the profiles'
   * transports, writes reports and delivers mail. `await mapi.spooler.flush()` runs it until
   * nothing is due (`world.flush()` does).
   * @see mapi-spooler-overview.md
   */
  get spooler(): Spooler {
    this.spoolerInstance ??= new Spooler({
      clock: this.clock,
      ids: this.ids,
      scheduler: this.scheduler,
      profilesOn: (ctx) => [...this.sessions].filter((s) => !s.ended && s.loggedOn().some((l) => l.ctx === ctx)).map((s) => s.profile),
      acquireContext: (...args) => this.acquireContext(...args),
      releaseContext: (ctx) => this.releaseContext(ctx),
      statusChanged: () => {
        for (const s of this.sessions) s.refresh();
      },
      activeProfiles: () => [...new Set([...this.sessions].filter((s) => !s.ended).map((s) => s.profile))],
      addressBook: async (profile) => {
        const core = [...this.sessions].find((s) => !s.ended && s.profile === profile);
        if (!core) return undefined;
        // Loaded on first use: the address-book kit is only needed for distribution lists.
        const { openSessionAddressBook } = await import('../ab/session.js');
        return openSessionAddressBook(core).catch(() => undefined);
      },
      defaultStore: (profile) => {
        const def = profile.defaultStore();
        for (const s of this.sessions) if (!s.ended && s.profile === profile) for (const l of s.loggedOn()) if (l.provider === def) return l.ctx;
        return undefined;
      },
    });
    return this.spoolerInstance;
  }

  /**
   * The StoreContext of a backend, shared by every session of this subsystem (so they see
   * each other's committed changes and notifications); created on first use, with the default
   * folders of a new store. Each call must be paired with {@link releaseContext}.
   */
  async acquireContext(backend: StoreBackend, storeEntryId: Uint8Array, mdbProvider: Uint8Array, isNew: boolean, displayName: string): Promise<StoreContext> {
    let slot = this.contexts.get(backend);
    if (!slot) {
      const ctx = new StoreContext(backend, this.storeSupport(), storeEntryId, mdbProvider, this.storeOptions);
      slot = { ctx, refs: 0, ready: isNew ? initializeStore(ctx, displayName) : Promise.resolve() };
      this.contexts.set(backend, slot);
    }
    slot.refs++;
    try {
      await slot.ready;
    } catch (e) {
      this.releaseContext(slot.ctx);
      if (this.contexts.get(backend) === slot && slot.refs === 0) this.contexts.delete(backend);
      throw e;
    }
    return slot.ctx;
  }

  /** Gives up a context; the last release forgets it (the backend keeps the data). */
  releaseContext(ctx: StoreContext): void {
    const slot = this.contexts.get(ctx.backend);
    if (!slot || slot.ctx !== ctx) return;
    if (--slot.refs <= 0) this.contexts.delete(ctx.backend);
  }

  /** Number of store contexts in use (for tests). */
  get openContextCount(): number {
    return this.contexts.size;
  }

  /** A session started. */
  sessionStarted(core: SessionCore): void {
    this.sessions.add(core);
  }

  /** A session ended. */
  sessionEnded(core: SessionCore): void {
    this.sessions.delete(core);
    if (this.sharedSession === core) this.sharedSession = undefined;
  }

  /** Number of sessions logged on (for tests). */
  get sessionCount(): number {
    return this.sessions.size;
  }

  private mockControls: MockControls | undefined;

  /**
   * The mock controls of this world: handlers (`use`, `resetHandlers`), the call log,
   * `onUnimplemented` and virtual-time controls. Created on first use; until a handler,
   * recording or an `onUnimplemented` strategy is set, calls run without any mock layer.
   */
  get mock(): MockControls {
    this.mockControls ??= new MockControls(this);
    return this.mockControls;
  }
}
