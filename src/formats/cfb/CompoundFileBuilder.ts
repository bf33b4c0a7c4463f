/**
 * Building a compound file entry by entry, by `/`-separated paths, then writing it with
 * {@link writeCompoundFile}.
 */
import { MapiError } from '../../core/errors/MapiError.js';
import { MAPI_E_INVALID_PARAMETER, STG_E_FILEALREADYEXISTS, STG_E_INVALIDNAME } from '../../core/generated/scodes.js';
import type { FILETIME } from '../../core/props/filetime.js';
import type { GUID } from '../../core/props/guid.js';
import { cfbNameKey, cfbNameProblem } from './names.js';
import type { CfbNode, CfbRootNode, CfbStorageMeta } from './types.js';
import { writeCompoundFile, type CompoundFileWriteOptions } from './writeCompoundFile.js';

interface DraftStorage {
  name: string;
  meta: CfbStorageMeta;
  children: Map<string, DraftStorage | { name: string; data: Uint8Array }>;
}

/**
 * Collects storages and streams by path and writes them as one compound file. Storages on the
 * way to a path are created as needed (their timestamps then come from the writer's clock).
 *
 * @example
 * const bytes = new CompoundFileBuilder({ clock })
 *   .addStream('__substg1.0_0037001F', subjectBytes)
 *   .addStorage('__recip_version1.0_#00000000')
 *   .addStream('__recip_version1.0_#00000000/__properties_version1.0', recipProps)
 *   .build();
 */
export class CompoundFileBuilder {
  private readonly root: DraftStorage = { name: '', meta: {}, children: new Map() };
  private rootMeta: { clsid?: GUID; stateBits?: number; modified?: FILETIME } = {};

  constructor(private readonly options: CompoundFileWriteOptions = {}) {}

  /** Sets the root entry's CLSID, state bits and Modified Time (its Creation Time is always zero). */
  setRoot(meta: { clsid?: GUID; stateBits?: number; modified?: FILETIME }): this {
    this.rootMeta = { ...this.rootMeta, ...meta };
    return this;
  }

  /**
   * Adds a storage (and any missing storages above it), or updates the metadata of an existing
   * one. Throws STG_E_FILEALREADYEXISTS when a stream has that path.
   */
  addStorage(path: string, meta: CfbStorageMeta = {}): this {
    const storage = this.storageAt(this.split(path), path);
    Object.assign(storage.meta, meta);
    return this;
  }

  /**
   * Adds a stream with its bytes (kept by reference until {@link build}). Throws
   * STG_E_FILEALREADYEXISTS when the path is taken (names compare ignoring case, [MS-CFB] 2.6.4).
   */
  addStream(path: string, data: Uint8Array): this {
    if (!(data instanceof Uint8Array)) throw new MapiError(MAPI_E_INVALID_PARAMETER, `CompoundFileBuilder.addStream(${JSON.stringify(path)}): data must be a Uint8Array`);
    const names = this.split(path);
    const name = names.pop() as string;
    const parent = this.storageAt(names, path);
    const key = cfbNameKey(name);
    if (parent.children.has(key)) throw new MapiError(STG_E_FILEALREADYEXISTS, `CompoundFileBuilder.addStream: ${JSON.stringify(path)} already exists`);
    parent.children.set(key, { name, data });
    return this;
  }

  /** The tree collected so far, as {@link writeCompoundFile} takes it. */
  toTree(): CfbRootNode {
    const convert = (draft: DraftStorage): CfbNode[] => {
      const nodes: CfbNode[] = [];
      for (const child of draft.children.values()) {
        nodes.push('data' in child ? { kind: 'stream', name: child.name, data: child.data } : { kind: 'storage', name: child.name, ...child.meta, children: convert(child) });
      }
      return nodes;
    };
    return { ...this.rootMeta, children: convert(this.root) };
  }

  /** Writes the compound file. */
  build(): Uint8Array {
    return writeCompoundFile(this.toTree(), this.options);
  }

  private split(path: string): string[] {
    const names = String(path).split('/').filter((n) => n !== '');
    if (names.length === 0) throw new MapiError(STG_E_INVALIDNAME, `CompoundFileBuilder: ${JSON.stringify(path)} names no entry`);
    for (const name of names) {
      const problem = cfbNameProblem(name);
      if (problem) throw new MapiError(STG_E_INVALIDNAME, `CompoundFileBuilder: ${JSON.stringify(path)}: ${problem}`);
    }
    return names;
  }

  private storageAt(names: readonly string[], path: string): DraftStorage {
    let at = this.root;
    for (const name of names) {
      const key = cfbNameKey(name);
      let next = at.children.get(key);
      if (!next) {
        next = { name, meta: {}, children: new Map() };
        at.children.set(key, next);
      }
      if (!('children' in next)) throw new MapiError(STG_E_FILEALREADYEXISTS, `CompoundFileBuilder: ${JSON.stringify(path)}: ${JSON.stringify(name)} is a stream, not a storage`);
      at = next;
    }
    return at;
  }
}
