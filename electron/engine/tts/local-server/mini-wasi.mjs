// A minimal in-memory WASI (preview1) for running flite.wasm: exactly the 13 calls it imports,
// files in a Map, stdout discarded. Used instead of node:wasi because creating and dropping
// many node:wasi instances crashed Node 20 here (segfault after ~100 sentences); a plain-JS
// shim has no native finalizers and no temp files.
const ERRNO = { SUCCESS: 0, BADF: 8, INVAL: 28, NOENT: 44, NOSYS: 52 };
const FILETYPE = { CHARACTER_DEVICE: 2, DIRECTORY: 3, REGULAR_FILE: 4 };

export class WasiExit extends Error {
  constructor(code) {
    super(`exit ${code}`);
    this.code = code;
  }
}

export class MiniWasi {
  /** @param {{ args: string[], preopen: string, files: Map<string, Uint8Array> }} o */
  constructor({ args, preopen, files }) {
    this.args = args.map((a) => new TextEncoder().encode(a + '\0'));
    this.preopen = new TextEncoder().encode(preopen);
    this.files = files;
    this.fds = new Map(); // fd -> { path, pos }
    this.nextFd = 4;
    this.memory = null;
    const view = () => new DataView(this.memory.buffer);
    const bytes = () => new Uint8Array(this.memory.buffer);
    this.imports = {
      args_sizes_get: (argcPtr, bufSizePtr) => {
        const v = view();
        v.setUint32(argcPtr, this.args.length, true);
        v.setUint32(
          bufSizePtr,
          this.args.reduce((n, a) => n + a.length, 0),
          true,
        );
        return ERRNO.SUCCESS;
      },
      args_get: (argvPtr, bufPtr) => {
        const v = view();
        const b = bytes();
        let p = bufPtr;
        this.args.forEach((a, i) => {
          v.setUint32(argvPtr + i * 4, p, true);
          b.set(a, p);
          p += a.length;
        });
        return ERRNO.SUCCESS;
      },
      clock_time_get: (_id, _precision, timePtr) => {
        view().setBigUint64(timePtr, BigInt(Math.round(performance.now() * 1e6)), true);
        return ERRNO.SUCCESS;
      },
      fd_prestat_get: (fd, bufPtr) => {
        if (fd !== 3) return ERRNO.BADF;
        const v = view();
        v.setUint8(bufPtr, 0);
        v.setUint32(bufPtr + 4, this.preopen.length, true);
        return ERRNO.SUCCESS;
      },
      fd_prestat_dir_name: (fd, pathPtr, len) => {
        if (fd !== 3) return ERRNO.BADF;
        bytes().set(this.preopen.subarray(0, len), pathPtr);
        return ERRNO.SUCCESS;
      },
      fd_fdstat_get: (fd, bufPtr) => {
        const type = fd <= 2 ? FILETYPE.CHARACTER_DEVICE : fd === 3 ? FILETYPE.DIRECTORY : this.fds.has(fd) ? FILETYPE.REGULAR_FILE : -1;
        if (type < 0) return ERRNO.BADF;
        const v = view();
        v.setUint8(bufPtr, type);
        v.setUint16(bufPtr + 2, 0, true);
        v.setBigUint64(bufPtr + 8, 0xffffffffffffffffn, true);
        v.setBigUint64(bufPtr + 16, 0xffffffffffffffffn, true);
        return ERRNO.SUCCESS;
      },
      fd_fdstat_set_flags: () => {
        return ERRNO.SUCCESS;
      },
      path_open: (dirFd, _dirFlags, pathPtr, pathLen, oflags, _rb, _ri, _fdflags, fdPtr) => {
        if (dirFd !== 3) return ERRNO.BADF;
        const path = new TextDecoder().decode(bytes().subarray(pathPtr, pathPtr + pathLen));
        const create = (oflags & 1) !== 0;
        const trunc = (oflags & 8) !== 0;
        if (!this.files.has(path)) {
          if (!create) return ERRNO.NOENT;
          this.files.set(path, new Uint8Array(0));
        } else if (trunc) this.files.set(path, new Uint8Array(0));
        const fd = this.nextFd++;
        this.fds.set(fd, { path, pos: 0 });
        view().setUint32(fdPtr, fd, true);
        return ERRNO.SUCCESS;
      },
      fd_read: (fd, iovsPtr, iovsLen, nreadPtr) => {
        const f = this.fds.get(fd);
        const v = view();
        if (!f) {
          if (fd === 0) {
            v.setUint32(nreadPtr, 0, true);
            return ERRNO.SUCCESS;
          }
          return ERRNO.BADF;
        }
        const data = this.files.get(f.path);
        let n = 0;
        for (let i = 0; i < iovsLen; i++) {
          const ptr = v.getUint32(iovsPtr + i * 8, true);
          const len = v.getUint32(iovsPtr + i * 8 + 4, true);
          const chunk = data.subarray(f.pos, Math.min(data.length, f.pos + len));
          bytes().set(chunk, ptr);
          f.pos += chunk.length;
          n += chunk.length;
          if (chunk.length < len) break;
        }
        v.setUint32(nreadPtr, n, true);
        return ERRNO.SUCCESS;
      },
      fd_write: (fd, iovsPtr, iovsLen, nwrittenPtr) => {
        const v = view();
        let n = 0;
        const f = this.fds.get(fd);
        if (!f && fd > 2) return ERRNO.BADF;
        for (let i = 0; i < iovsLen; i++) {
          const ptr = v.getUint32(iovsPtr + i * 8, true);
          const len = v.getUint32(iovsPtr + i * 8 + 4, true);
          if (f) {
            let data = this.files.get(f.path);
            const end = f.pos + len;
            if (end > data.length) {
              const grown = new Uint8Array(Math.max(end, data.length * 2));
              grown.set(data);
              data = grown.subarray(0, end);
              this.files.set(f.path, data);
            }
            data.set(bytes().subarray(ptr, ptr + len), f.pos);
            f.pos = end;
          }
          n += len; // stdout/stderr: discarded
        }
        v.setUint32(nwrittenPtr, n, true);
        return ERRNO.SUCCESS;
      },
      fd_seek: (fd, offset, whence, newOffsetPtr) => {
        const f = this.fds.get(fd);
        if (!f) return ERRNO.BADF;
        const size = this.files.get(f.path).length;
        const base = whence === 0 ? 0 : whence === 1 ? f.pos : whence === 2 ? size : -1;
        if (base < 0) return ERRNO.INVAL;
        const pos = base + Number(offset);
        if (pos < 0) return ERRNO.INVAL;
        f.pos = pos;
        view().setBigUint64(newOffsetPtr, BigInt(pos), true);
        return ERRNO.SUCCESS;
      },
      fd_close: (fd) => {
        this.fds.delete(fd);
        return ERRNO.SUCCESS;
      },
      proc_exit: (code) => {
        throw new WasiExit(code);
      },
    };
  }

  /** Runs the command; returns its exit code. */
  start(instance) {
    this.memory = instance.exports.memory;
    try {
      instance.exports._start();
      return 0;
    } catch (err) {
      if (err instanceof WasiExit) return err.code;
      throw err;
    }
  }
}
