/**
 * IStream over a native stream (MAPI-ABI-x64.md §3.0 IStream): positions and sizes are
 * 64-bit on the native side and numbers here. A short read is normal; S_FALSE at the end of
 * data is treated like S_OK (the reference notes both occur).
 */
import type { GUID } from '../../../core/props/guid.js';
import type { IStream, STATSTG } from '../../../core/props/interfaces.js';
import { IID_IStream, IID_ISequentialStream, IID_IUnknown } from '../../../core/generated/guids.js';
import { STATFLAG_NONAME } from '../../../core/generated/constants.js';
import type { Pointer } from '../abi/memory.js';
import { readStatStg } from '../abi/misc.js';
import { STATSTG as SL } from '../abi/layout.js';
import { IStream_VTBL } from '../com/vtables.js';
import type { WinRuntime } from './WinRuntime.js';
import { WinUnknown, nativePointerOf, u32 } from './WinUnknown.js';

const u64 = (n: number): bigint => BigInt.asUintN(64, BigInt(Math.trunc(n)));

/** IStream. */
export class WinStream extends WinUnknown implements IStream {
  readonly interfaceName = 'IStream';

  constructor(rt: WinRuntime, ptr: Pointer) {
    super(rt, ptr, IStream_VTBL);
  }

  protected override baseInterfaces(): readonly GUID[] {
    return [IID_IUnknown, IID_IStream, IID_ISequentialStream];
  }

  protected rewrap(ptr: Pointer): WinUnknown {
    return new WinStream(this.rt, ptr);
  }

  /** Reads up to `cb` bytes. */
  read(cb: number): Promise<Uint8Array> {
    return this.run('read', () => {
      const n = Math.max(0, Math.trunc(cb));
      const buf = this.rt.alloc.allocateBuffer(Math.max(1, n));
      try {
        const { out } = this.hrOut('Read', 1, (c) => [buf, n >>> 0, c(0)]);
        return this.rt.mem.readBytes(buf, Math.min(n, out.u32(0)));
      } finally {
        this.rt.alloc.freeBuffer(buf);
      }
    });
  }

  /** Writes bytes; resolves to the count written. */
  write(data: Uint8Array): Promise<number> {
    return this.run('write', () => {
      const a = this.args();
      const d = a.bytes(data);
      try {
        return this.hrOut('Write', 1, (c) => [a.p(d), data.length >>> 0, c(0)]).out.u32(0);
      } finally {
        a.free();
      }
    });
  }

  /** Moves the seek pointer; resolves to the new position. */
  seek(dlibMove: number, dwOrigin: number): Promise<number> {
    return this.run('seek', () => Number(this.hrOut('Seek', 1, (c) => [BigInt(Math.trunc(dlibMove)), u32(dwOrigin), c(0)]).out.u64(0)));
  }

  /** Truncates or extends the stream. */
  setSize(libNewSize: number): Promise<void> {
    return this.run('setSize', () => {
      this.hr('SetSize', u64(libNewSize));
    });
  }

  /**
   * Copies `cb` bytes to another stream. A native destination is passed to IStream::CopyTo;
   * any other IStream gets the bytes through read and write.
   */
  copyTo(pstm: IStream, cb: number): Promise<{ cbRead: number; cbWritten: number }> {
    const dest = nativePointerOf(pstm);
    if (dest === null) {
      return this.read(cb).then(async (bytes) => ({ cbRead: bytes.length, cbWritten: await pstm.write(bytes) }));
    }
    return this.run('copyTo', () => {
      const { out } = this.hrOut('CopyTo', 2, (c) => [dest, u64(cb), c(0), c(1)]);
      return { cbRead: Number(out.u64(0)), cbWritten: Number(out.u64(1)) };
    });
  }

  /** Commits the stream. */
  commit(grfCommitFlags = 0): Promise<void> {
    return this.run('commit', () => {
      this.hr('Commit', u32(grfCommitFlags));
    });
  }

  /** Discards changes since the last commit. */
  revert(): Promise<void> {
    return this.run('revert', () => {
      this.hr('Revert');
    });
  }

  /** IStream::LockRegion. */
  lockRegion(libOffset: number, cb: number, dwLockType: number): Promise<void> {
    return this.run('lockRegion', () => {
      this.hr('LockRegion', u64(libOffset), u64(cb), u32(dwLockType));
    });
  }

  /** IStream::UnlockRegion. */
  unlockRegion(libOffset: number, cb: number, dwLockType: number): Promise<void> {
    return this.run('unlockRegion', () => {
      this.hr('UnlockRegion', u64(libOffset), u64(cb), u32(dwLockType));
    });
  }

  /** Size and mode; the name (STATFLAG_DEFAULT) is freed with CoTaskMemFree. */
  stat(grfStatFlag = 0): Promise<STATSTG> {
    return this.run('stat', () => {
      const buf = this.rt.alloc.allocateBuffer(SL.size);
      try {
        this.rt.mem.writeBytes(buf, new Uint8Array(SL.size));
        this.hr('Stat', buf, u32(grfStatFlag));
        const s = readStatStg(this.rt.mem, buf);
        const name = this.rt.mem.ptr(buf, SL.pwcsName);
        if (name !== null) this.rt.lib.CoTaskMemFree(name);
        if (grfStatFlag & STATFLAG_NONAME) s.pwcsName = null;
        return s;
      } finally {
        this.rt.alloc.freeBuffer(buf);
      }
    });
  }

  /** A new stream on the same data with its own seek pointer. */
  clone(): Promise<IStream> {
    return this.run('clone', () => this.wrapOut<IStream>(this.hrOut('Clone', 1, (c) => [c(0)]).out.ptr(0), { iid: IID_IStream, fallback: 'IStream' }, 'clone'));
  }
}
