// The engine's public surface: everything the CLI, the Action and the bench use.

export { defaultCacheDir } from "./rootfs/index";
export { abortAllSessions, cleanupStale, closeAllSessions, isRoot, runSandbox, Session } from "./session";
export * from "./types";
export { formatBytes, parseCount, parseCpus, parseDuration, parseSize } from "./units";
export { checkLimits, checkMounts, MIN_MEMORY_BYTES } from "./validate";
