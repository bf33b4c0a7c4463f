import { EmulatorError } from '../errors/MapiError.js';
import type { MessageServiceDefinition } from '../spi/services.js';

/** Options of {@link ServiceRegistry.register}. */
export interface RegisterServiceOptions {
  /** List the service in [Default Services]: createProfile with MAPI_DEFAULT_SERVICES adds it. */
  default?: boolean;
  /** Replace a service registered under the same name instead of failing. */
  replace?: boolean;
}

/**
 * The message services a subsystem knows: the role MAPISVC.INF plays ([Services] and
 * [Default Services]). Names compare case-insensitively, as INF keys do.
 * @see mapisvc-inf-services-section.md
 * @see mapisvc-inf-default-services-section.md
 */
export class ServiceRegistry {
  private readonly byName = new Map<string, MessageServiceDefinition>();
  private readonly defaults: string[] = [];

  /** Registers a service; an EmulatorError when the definition is malformed or the name is taken. */
  register(def: MessageServiceDefinition, options: RegisterServiceOptions = {}): void {
    if (!def || typeof def.name !== 'string' || def.name.trim() === '') {
      throw new EmulatorError('registerService: a service definition needs a non-empty name (its PR_SERVICE_NAME)');
    }
    if (!Array.isArray(def.providers)) throw new EmulatorError(`registerService: service ${def.name} needs a providers array`);
    for (const p of def.providers) {
      if (p.kind !== 'store' && p.kind !== 'addressBook' && p.kind !== 'transport') {
        throw new EmulatorError(`registerService: provider ${String(p.displayName)} of ${def.name} has an unknown kind ${String(p.kind)}`);
      }
      if (p.kind === 'store' && p.store && !(p.store.mdbProvider instanceof Uint8Array && p.store.mdbProvider.length === 16)) {
        throw new EmulatorError(`registerService: the store provider of ${def.name} needs a 16-byte mdbProvider MAPIUID`);
      }
    }
    const key = def.name.toLowerCase();
    if (this.byName.has(key) && !options.replace) {
      throw new EmulatorError(`registerService: a service named ${def.name} is already registered (pass { replace: true } to replace it)`);
    }
    this.byName.set(key, def);
    const i = this.defaults.indexOf(key);
    if (options.default && i < 0) this.defaults.push(key);
    if (!options.default && i >= 0 && options.replace) this.defaults.splice(i, 1);
  }

  /** Removes a service; false when there was none. Profiles that use it keep their sections but can no longer log on to it. */
  unregister(name: string): boolean {
    const key = name.toLowerCase();
    const i = this.defaults.indexOf(key);
    if (i >= 0) this.defaults.splice(i, 1);
    return this.byName.delete(key);
  }

  /** A service by name, or undefined. */
  get(name: string): MessageServiceDefinition | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** Every registered service, in registration order. */
  list(): MessageServiceDefinition[] {
    return [...this.byName.values()];
  }

  /** The [Default Services], in registration order. */
  defaultServices(): MessageServiceDefinition[] {
    return this.defaults.map((k) => this.byName.get(k)).filter((d): d is MessageServiceDefinition => d !== undefined);
  }
}
