// The engine's public surface: everything the CLI, the Action, the results module and the bench use. They
// import nothing else of the engine (scripts/edges.mjs checks it), so its inside can change freely.

export { DEFAULT_TMPFS_BYTES } from "./defaults";
export {
  checkWritableDir,
  makeDirs,
  RefusedFileError,
  randomBytes,
  readRegularFile,
  writeFileAtomic,
} from "./fs";
export { parseAllow, parseDnsServers } from "./net/allow";
export { parsePool } from "./net/pool";
export {
  checkMaxConnections,
  isEnvName,
  parseEnvPairs,
  parseHostname,
  parseMaxConnections,
  parseNetworkMode,
  parsePackages,
  parseScratchKind,
} from "./options";
export { sanitizeName as outputFolderName } from "./outputs/copy";
export { parseOutputPattern } from "./outputs/pattern";
export { childProcess, isRoot } from "./proc";
export {
  type CacheEntry,
  DEFAULT_MIRROR,
  defaultCacheDir,
  listCache,
  pruneCache,
  verifyCache,
} from "./rootfs/index";
export { cleanupStale, closeAllSessions, runSandbox, Session } from "./session";
export { isForegroundTerminal } from "./terminal";
export * from "./types";
export { formatBytes, parseCount, parseCpus, parseDuration, parseSize } from "./units";
export { checkLimits, checkMounts, normalTarget } from "./validate";
