// One libc handle for every koffi binding. koffi's native module costs ~9 ms to load, so it is imported
// on demand (loadLibc, awaited when a session opens) rather than with the bundle.
import { createRequire } from "node:module";
import type { LibraryHandle } from "koffi";

type Koffi = typeof import("koffi").default;

let koffi: Koffi | null = null;
let handle: LibraryHandle | null = null;

export async function loadLibc(): Promise<void> {
  if (handle) return;
  const mod = await import("koffi");
  bindLibc((mod.default ?? mod) as Koffi);
}

function bindLibc(k: Koffi): void {
  if (handle) return;
  koffi = k;
  koffi.alias("ssize_t", "long");
  const names = ["libc.so.6", "libc.musl-x86_64.so.1", "libc.musl-aarch64.so.1", "libc.so"];
  let first: unknown;
  for (const name of names) {
    try {
      handle = koffi.load(name);
      return;
    } catch (e) {
      first ??= e;
    }
  }
  throw first;
}

/**
 * The handle; loads koffi synchronously when nobody awaited loadLibc() (unbundled callers such as tests:
 * the bundles always go through Session.open or cleanupStale, which await it).
 */
export function libcHandle(): LibraryHandle {
  if (!handle) bindLibc(createRequire(import.meta.url)("koffi") as Koffi);
  return handle as LibraryHandle;
}

/** The koffi module itself (struct types), loaded with the handle. */
export function koffiModule(): Koffi {
  libcHandle();
  return koffi as Koffi;
}

/**
 * Binds a module's libc calls on its first use, once: `prototypes` maps each name to koffi's C prototype
 * (`"int close(int)"`), and the result is typed by the module's own interface.
 */
export function libcCalls<T>(prototypes: { [K in keyof T]: string }): () => T {
  let bound: T | null = null;
  return () => {
    if (bound) return bound;
    const lib = libcHandle();
    const calls: Record<string, unknown> = {};
    for (const [name, proto] of Object.entries<string>(prototypes)) calls[name] = lib.func(proto);
    bound = calls as T;
    return bound;
  };
}

export function lastErrno(): number {
  return koffi?.errno() ?? 0;
}
