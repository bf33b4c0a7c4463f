import { MapiProp, type MapiPropOptions } from '../../../src/core/props/MapiProp.js';
import { NamedPropertyMap } from '../../../src/core/props/NamedPropertyMap.js';
import type { GUID } from '../../../src/core/props/guid.js';
import type { SPropValue } from '../../../src/core/props/types.js';
import { IID_IMAPIProp, IID_IMessage } from '../../../src/core/generated/guids.js';
import { MAPI_MESSAGE } from '../../../src/core/generated/constants.js';

/** A message-like test object: transacted or not, with an optional named-property map. */
export class TestProp extends MapiProp {
  readonly interfaceName = 'IMessage';
  protected readonly interfaceIds: readonly GUID[] = [IID_IMAPIProp, IID_IMessage];
  protected readonly objectType = MAPI_MESSAGE;
  commits: number[] = [];
  changed: number[][] = [];

  constructor(values: SPropValue[] = [], opts: Partial<MapiPropOptions> = {}) {
    super(new Map(values.map((v) => [v.ulPropTag >>> 16, v])), opts);
  }

  protected override async commit(flags: number): Promise<void> {
    this.commits.push(flags);
  }

  protected override onChanged(ids: number[]): void {
    this.changed.push(ids);
  }

  /** Read access to the raw values for assertions. */
  raw(): Map<number, SPropValue> {
    return this.values;
  }
}

let sigCounter = 0;
/** A fresh named-property map with a unique signature. */
export function newNamedMap(): NamedPropertyMap {
  const sig = new Uint8Array(16);
  sig[0] = ++sigCounter;
  return new NamedPropertyMap(sig);
}
