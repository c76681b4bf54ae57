// Writes a report file (JUnit XML, a merged results.json) where the user asked. In the Action the path is
// in a workspace that sandboxes could write (workspace: rw): a symbolic link planted there, as the file or
// as a directory on its way, is refused, never followed onto another file or directory of the runner.
import { existsSync, lstatSync, realpathSync } from "node:fs";
import { dirname } from "node:path";
import { checkWritableDir, makeDirs, UsageError, writeFileAtomic } from "../engine/index";

const HINT = "give a path to a new or regular file";

/** Refuses a path whose existing directories include a symbolic link (an absolute path). */
function refuseLinkedDir(path: string, what: string, hint: string): void {
  let existing = dirname(path);
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  if (realpathSync(existing) !== existing) {
    throw new UsageError(`${what}: '${path}' is under a symbolic link ('${existing}'); ${hint}`);
  }
}

/**
 * Before anything runs: the report can be written at `path` (absolute) once it is all known — a new or
 * regular file in a writable directory of a real file system (engine checkWritableDir), else a UsageError
 * with the front end's `hint`. writeReportFile still checks at the end: a sandbox may change the path.
 */
export function checkReportPath(path: string, what: string, hint: string, noLinks = false): void {
  checkWritableDir(what, dirname(path), hint, path);
  if (noLinks) refuseLinkedDir(path, what, hint);
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (st && !st.isFile()) {
    const why = st.isSymbolicLink() ? "is a symbolic link" : "is not a regular file";
    throw new UsageError(`${what}: '${path}' ${why}; ${hint}`);
  }
}

/** `noLinks`: also refuse a path whose existing directories include a symbolic link (an absolute path). */
export function writeReportFile(path: string, text: string, what: string, noLinks = false): void {
  if (noLinks) refuseLinkedDir(path, what, `${HINT} without one`);
  // A new file renamed over the path: whatever was there (a fifo a sandbox made, a hard link to another
  // file) is replaced, never opened, and a failed write leaves the old file or nothing, never half a file.
  try {
    makeDirs(dirname(path));
    if (lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink())
      throw Object.assign(new Error("link"), { code: "ELOOP" });
    writeFileAtomic(path, text, 0o644);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === "ELOOP"
        ? "is a symbolic link"
        : code === "EISDIR"
          ? "is a directory"
          : `cannot be written (${code})`;
    const hint = code === "ENOSPC" || code === "EDQUOT" ? "free space there or give another path" : HINT;
    throw new UsageError(`${what}: '${path}' ${why}; ${hint}`);
  }
}
