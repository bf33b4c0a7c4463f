import type { SPropValue } from '../props/types.js';
import type { Profile, ProviderEntry } from '../session/Profile.js';
import type { TransportLogon, TransportSupport } from '../spi/transport.js';
import { MapiError } from '../errors/MapiError.js';
import { mergedSection } from '../session/sessionRows.js';
import { PR_RESOURCE_METHODS, PR_STATUS_CODE, PR_STATUS_STRING } from '../generated/proptags.js';
import {
  STATUS_AVAILABLE,
  STATUS_FAILURE,
  STATUS_FLUSH_QUEUES,
  STATUS_INBOUND_ENABLED,
  STATUS_OUTBOUND_ENABLED,
  STATUS_VALIDATE_STATE,
} from '../generated/constants.js';
import { MAPI_E_LOGON_FAILED } from '../generated/scodes.js';

/** The spooler's state of one transport provider of one profile. */
export interface TransportState {
  readonly provider: ProviderEntry;
  /** The logon, once made. */
  logon?: TransportLogon;
  /** Address types it handles, upper-cased (IXPLogon::AddressTypes, read at logon). */
  types: Set<string>;
  /** The last error (logon or submit), shown on its status row until a send succeeds. */
  error?: MapiError;
}

/**
 * The transport logons of the profiles the spooler serves: one per profile and transport
 * provider, made on first use (IXPProvider::TransportLogon), in the profile's transport order.
 */
export class TransportTable {
  private readonly byProfile = new WeakMap<Profile, Map<string, TransportState>>();
  private readonly pending = new WeakMap<TransportState, Promise<void>>();

  constructor(
    private readonly support: TransportSupport,
    private readonly changed: () => void,
  ) {}

  /** The state of a provider, made on first use (not logged on yet). */
  state(profile: Profile, p: ProviderEntry): TransportState {
    let m = this.byProfile.get(profile);
    if (!m) this.byProfile.set(profile, (m = new Map()));
    let s = m.get(p.key);
    if (!s || s.provider !== p) m.set(p.key, (s = { provider: p, types: new Set() }));
    return s;
  }

  /** A state already made, or undefined. */
  peek(profile: Profile, key: string): TransportState | undefined {
    return this.byProfile.get(profile)?.get(key);
  }

  /** The transports of a profile in transport order (msgServiceTransportOrder), each logged on; a failed logon keeps its error and is skipped. */
  async ordered(profile: Profile): Promise<TransportState[]> {
    const out: TransportState[] = [];
    for (const key of profile.transportOrder) {
      const p = profile.provider(key);
      if (!p) continue;
      const s = this.state(profile, p);
      await this.logon(profile, s);
      if (s.logon) out.push(s);
    }
    return out;
  }

  /** Logs on once; a failure is kept on the state and tried again next time. */
  async logon(profile: Profile, s: TransportState): Promise<void> {
    if (s.logon) return;
    let p = this.pending.get(s);
    if (!p) {
      p = this.doLogon(profile, s).finally(() => this.pending.delete(s));
      this.pending.set(s, p);
    }
    await p;
  }

  private async doLogon(profile: Profile, s: TransportState): Promise<void> {
    const provider = s.provider.definition?.transport;
    try {
      if (!provider) throw new MapiError(MAPI_E_LOGON_FAILED, `transport ${s.provider.key}: its service is not registered or has no transport provider`);
      const logon = await provider.logon(this.support, {
        serviceUid: Uint8Array.from(s.provider.service.uid),
        providerUid: Uint8Array.from(s.provider.uid),
        profileSection: mergedSection(profile, s.provider),
        profileName: profile.name,
      });
      s.types = new Set(logon.addressTypes().types.map((t) => t.toUpperCase()));
      s.logon = logon;
      s.error = undefined;
    } catch (e) {
      s.error = e instanceof MapiError ? e : new MapiError(MAPI_E_LOGON_FAILED, String(e));
    }
    this.changed();
  }

  /** Records the outcome of an operation on a transport (an error, or success clearing the last one). */
  setError(s: TransportState, e: MapiError | undefined): void {
    const before = s.error?.message;
    s.error = e;
    if (before !== e?.message) this.changed();
  }

  /**
   * Properties of a transport's status row (status-tables.md): PR_STATUS_CODE with
   * STATUS_OUTBOUND_ENABLED (and STATUS_INBOUND_ENABLED for a transport that polls),
   * STATUS_FAILURE and the error as PR_STATUS_STRING while its last operation failed,
   * PR_RESOURCE_METHODS ValidateState and FlushQueues, then what IXPLogon::OpenStatusEntry adds.
   * @see ixplogon-openstatusentry.md
   */
  statusProps(profile: Profile, key: string): SPropValue[] {
    const s = this.peek(profile, key);
    const methods: SPropValue = { ulPropTag: PR_RESOURCE_METHODS, Value: STATUS_VALIDATE_STATE | STATUS_FLUSH_QUEUES };
    if (!s?.logon && !s?.error) return [methods];
    const inbound = s.logon?.poll ? STATUS_INBOUND_ENABLED : 0;
    const code = s.error ? STATUS_FAILURE | (s.logon ? STATUS_OUTBOUND_ENABLED | inbound : 0) : STATUS_AVAILABLE | STATUS_OUTBOUND_ENABLED | inbound;
    return [
      methods,
      { ulPropTag: PR_STATUS_CODE, Value: code },
      { ulPropTag: PR_STATUS_STRING, Value: s.error ? `${s.error.name}: ${s.error.message}` : 'Available' },
      ...(s.logon?.openStatusEntry?.() ?? []),
    ];
  }
}
