import { MapiUnknown } from './MapiUnknown.js';
import type { IStream, STATSTG } from './interfaces.js';
import type { GUID } from './guid.js';
import { MapiError } from '../errors/MapiError.js';
import { IID_ISequentialStream, IID_IStream } from '../generated/guids.js';
import {
  STG_E_ACCESSDENIED,
  STG_E_INVALIDFUNCTION,
  STG_E_INVALIDPARAMETER,
  STG_E_INVALIDPOINTER,
  STG_E_REVERTED,
  STG_E_SEEKERROR,
} from '../generated/scodes.js';
import {
  STATFLAG_NONAME,
  STGM_READWRITE,
  STGM_READ,
  STGTY_STREAM,
  STREAM_SEEK_CUR,
  STREAM_SEEK_END,
  STREAM_SEEK_SET,
} from '../generated/constants.js';

/** What a property stream reads from and commits to. */
export interface StreamBacking {
  /** The property's current bytes. */
  load(): Uint8Array;
  /** Writes the stream's bytes back to the property (IStream::Commit). */
  store(bytes: Uint8Array): void;
  /** Name reported by Stat (the property tag in hex). */
  readonly name: string;
}

/** Shared state of a stream and its clones: the bytes and whether they changed since the last commit. */
interface StreamState {
  bytes: Uint8Array;
  size: number;
  dirty: boolean;
  reverted: boolean;
}

/** Largest stream we grow to: a guard against absurd seeks and setSize calls (2 GiB). */
export const MAX_STREAM_SIZE = 0x7fffffff;

/**
 * An IStream over one property value, as openProperty(IID_IStream) returns. Writes are
 * buffered until commit() (a property stream is transacted, as Exchange's are; client
 * code that forgets Commit loses its writes here as it would there). Clones share the
 * bytes and have their own seek pointer.
 */
export class PropertyStream extends MapiUnknown implements IStream {
  readonly interfaceName = 'IStream';
  protected readonly interfaceIds: readonly GUID[] = [IID_IStream, IID_ISequentialStream];
  private pos = 0;

  /**
   * @param backing where the bytes come from and go to
   * @param writable opened with MAPI_MODIFY
   * @param state shared with clones; a new stream loads the property's bytes
   */
  constructor(
    private readonly backing: StreamBacking,
    private readonly writable: boolean,
    private readonly state: StreamState = PropertyStream.newState(backing.load()),
  ) {
    super();
  }

  private static newState(bytes: Uint8Array): StreamState {
    return { bytes: Uint8Array.from(bytes), size: bytes.length, dirty: false, reverted: false };
  }

  /** Opens a stream whose content starts empty (openProperty with MAPI_CREATE). */
  static createEmpty(backing: StreamBacking): PropertyStream {
    const s = new PropertyStream(backing, true, PropertyStream.newState(new Uint8Array(0)));
    s.state.dirty = true;
    return s;
  }

  private ensureCapacity(n: number): void {
    if (n <= this.state.bytes.length) return;
    const next = new Uint8Array(Math.max(n, this.state.bytes.length * 2, 256));
    next.set(this.state.bytes.subarray(0, this.state.size));
    this.state.bytes = next;
  }

  read(cb: number): Promise<Uint8Array> {
    return this.invoke('read', [cb], () => {
      if (!Number.isInteger(cb) || cb < 0) throw new MapiError(STG_E_INVALIDPARAMETER, 'IStream.read: cb must be a non-negative integer');
      const end = Math.min(this.state.size, this.pos + cb);
      const out = this.pos >= end ? new Uint8Array(0) : this.state.bytes.slice(this.pos, end);
      this.pos = Math.max(this.pos, end);
      return out;
    });
  }

  write(data: Uint8Array): Promise<number> {
    return this.invoke('write', [data], () => {
      if (!(data instanceof Uint8Array)) throw new MapiError(STG_E_INVALIDPOINTER, 'IStream.write: data must be a Uint8Array');
      if (!this.writable) throw new MapiError(STG_E_ACCESSDENIED, 'IStream.write: the stream was opened read-only (open the property with MAPI_MODIFY)');
      const end = this.pos + data.length;
      if (end > MAX_STREAM_SIZE) throw new MapiError(STG_E_INVALIDPARAMETER, 'IStream.write: the stream would exceed 2 GiB');
      this.ensureCapacity(end);
      this.state.bytes.set(data, this.pos);
      if (end > this.state.size) this.state.size = end;
      this.pos = end;
      this.state.dirty = true;
      return data.length;
    });
  }

  seek(dlibMove: number, dwOrigin: number): Promise<number> {
    return this.invoke('seek', [dlibMove, dwOrigin], () => {
      if (!Number.isInteger(dlibMove)) throw new MapiError(STG_E_INVALIDPARAMETER, 'IStream.seek: dlibMove must be an integer');
      let base: number;
      if (dwOrigin === STREAM_SEEK_SET) base = 0;
      else if (dwOrigin === STREAM_SEEK_CUR) base = this.pos;
      else if (dwOrigin === STREAM_SEEK_END) base = this.state.size;
      else throw new MapiError(STG_E_INVALIDFUNCTION, `IStream.seek: unknown origin ${dwOrigin}`);
      const next = base + dlibMove;
      if (next < 0 || next > MAX_STREAM_SIZE) throw new MapiError(STG_E_SEEKERROR, `IStream.seek: position ${next} is out of range`);
      this.pos = next;
      return next;
    });
  }

  setSize(libNewSize: number): Promise<void> {
    return this.invoke('setSize', [libNewSize], () => {
      if (!Number.isInteger(libNewSize) || libNewSize < 0 || libNewSize > MAX_STREAM_SIZE) {
        throw new MapiError(STG_E_INVALIDPARAMETER, `IStream.setSize: ${libNewSize} is not a valid size`);
      }
      if (!this.writable) throw new MapiError(STG_E_ACCESSDENIED, 'IStream.setSize: the stream was opened read-only');
      this.ensureCapacity(libNewSize);
      if (libNewSize > this.state.size) this.state.bytes.fill(0, this.state.size, libNewSize);
      this.state.size = libNewSize;
      this.state.dirty = true;
    });
  }

  copyTo(pstm: IStream, cb: number): Promise<{ cbRead: number; cbWritten: number }> {
    return this.invoke('copyTo', [pstm, cb], async () => {
      if (!pstm || typeof pstm.write !== 'function') throw new MapiError(STG_E_INVALIDPOINTER, 'IStream.copyTo: pstm must be a stream');
      if (!Number.isInteger(cb) || cb < 0) throw new MapiError(STG_E_INVALIDPARAMETER, 'IStream.copyTo: cb must be a non-negative integer');
      const end = Math.min(this.state.size, this.pos + cb);
      const chunk = this.pos >= end ? new Uint8Array(0) : this.state.bytes.slice(this.pos, end);
      this.pos = Math.max(this.pos, end);
      const cbWritten = chunk.length ? await pstm.write(chunk) : 0;
      return { cbRead: chunk.length, cbWritten };
    });
  }

  commit(grfCommitFlags = 0): Promise<void> {
    return this.invoke('commit', [grfCommitFlags], () => {
      if (!this.writable) return;
      if (this.state.dirty) this.backing.store(this.state.bytes.slice(0, this.state.size));
      this.state.dirty = false;
    });
  }

  revert(): Promise<void> {
    return this.invoke('revert', [], () => {
      const fresh = this.backing.load();
      this.state.bytes = Uint8Array.from(fresh);
      this.state.size = fresh.length;
      this.state.dirty = false;
      if (this.pos > this.state.size) this.pos = this.state.size;
    });
  }

  lockRegion(libOffset: number, cb: number, dwLockType: number): Promise<void> {
    return this.invoke('lockRegion', [libOffset, cb, dwLockType], () => {
      throw new MapiError(STG_E_INVALIDFUNCTION, 'IStream.lockRegion: property streams do not support region locks');
    });
  }

  unlockRegion(libOffset: number, cb: number, dwLockType: number): Promise<void> {
    return this.invoke('unlockRegion', [libOffset, cb, dwLockType], () => {
      throw new MapiError(STG_E_INVALIDFUNCTION, 'IStream.unlockRegion: property streams do not support region locks');
    });
  }

  stat(grfStatFlag = 0): Promise<STATSTG> {
    return this.invoke('stat', [grfStatFlag], () => ({
      pwcsName: grfStatFlag & STATFLAG_NONAME ? null : this.backing.name,
      type: STGTY_STREAM,
      cbSize: this.state.size,
      mtime: null,
      ctime: null,
      atime: null,
      grfMode: this.writable ? STGM_READWRITE : STGM_READ,
      grfLocksSupported: 0,
      clsid: null,
      grfStateBits: 0,
    }));
  }

  clone(): Promise<IStream> {
    return this.invoke('clone', [], () => {
      if (this.state.reverted) throw new MapiError(STG_E_REVERTED, 'IStream.clone: the stream was reverted');
      const c = new PropertyStream(this.backing, this.writable, this.state);
      c.pos = this.pos;
      c.interceptor = this.interceptor;
      return c;
    });
  }
}
