// The engine's public surface: everything the CLI, the Action and the bench use.

export { isRoot } from "./proc";
export {
  type CacheEntry,
  defaultCacheDir,
  listCache,
  pruneCache,
  type VerifyReport,
  verifyCache,
} from "./rootfs/index";
export { abortAllSessions, cleanupStale, closeAllSessions, runSandbox, Session } from "./session";
export * from "./types";
export { formatBytes, parseCount, parseCpus, parseDuration, parseSize } from "./units";
export { checkLimits, checkMounts, MIN_MEMORY_BYTES } from "./validate";
