/**
 * The main-thread end of the emulator host: starts the worker (the host bundled once with
 * esbuild and cached under node_modules/.cache, keyed by the sources it was built from) and
 * makes synchronous requests: post, then block in Atomics.wait until the host has answered,
 * then take the answer with receiveMessageOnPort. A native callback of the fake can therefore
 * answer from the (asynchronous) emulator before it returns to its native caller.
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { HostReply, HostRequest } from '../host/wire.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const entry = join(root, 'test/abi/host/hostMain.ts');

function sourceStamp(): string {
  const h = createHash('sha1');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (name.endsWith('.ts')) h.update(`${p}:${st.size}:${st.mtimeMs}\n`);
    }
  };
  walk(join(root, 'src'));
  walk(join(root, 'test/abi/host'));
  return h.digest('hex').slice(0, 16);
}

/** The bundled host, built when the sources changed. */
async function hostBundle(): Promise<string> {
  const dir = join(root, 'node_modules/.cache/mapi-emu-abi');
  const out = join(dir, `host-${sourceStamp()}.mjs`);
  if (existsSync(out)) return out;
  mkdirSync(dir, { recursive: true });
  const tmp = `${out}.${process.pid}.tmp.mjs`;
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: tmp, packages: 'external', logLevel: 'error' });
  renameSync(tmp, out);
  // Older bundles are never used again.
  for (const name of readdirSync(dir)) {
    if (name.startsWith('host-') && join(dir, name) !== out && !name.includes('.tmp.')) rmSync(join(dir, name), { force: true });
  }
  return out;
}

/** A request failed on the host: its scode and message. */
export class HostError extends Error {
  constructor(
    readonly scode: number,
    message: string,
  ) {
    super(message);
  }
}

/** A running emulator host. */
export class HostClient {
  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly flag: Int32Array,
  ) {}

  /** Requests made (for the benchmark). */
  requests = 0;

  /** Starts a host. */
  static async start(): Promise<HostClient> {
    const file = await hostBundle();
    const signal = new SharedArrayBuffer(4);
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(file, { workerData: { port: port2, signal }, transferList: [port2] });
    await new Promise<void>((ok, fail) => {
      worker.once('message', () => ok());
      worker.once('error', fail);
    });
    worker.unref();
    return new HostClient(worker, port1, new Int32Array(signal));
  }

  /** A synchronous request: blocks this thread until the host answers. */
  request(req: HostRequest): HostReply {
    this.requests++;
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(req);
    for (;;) {
      const r = Atomics.wait(this.flag, 0, 0, 30_000);
      const msg = receiveMessageOnPort(this.port);
      if (msg) return msg.message as HostReply;
      if (r === 'timed-out') throw new Error(`fake MAPI host: no answer to ${JSON.stringify(req).slice(0, 200)}`);
    }
  }

  /** Stops the worker. */
  async stop(): Promise<void> {
    this.port.close();
    await this.worker.terminate();
  }
}
