// Writes a report file (JUnit XML, a merged results.json) where the user asked. In the Action the path is
// in a workspace that sandboxes could write (workspace: rw): a symbolic link planted there, as the file or
// as a directory on its way, is refused, never followed onto another file or directory of the runner.
import { existsSync, lstatSync, realpathSync } from "node:fs";
import { dirname } from "node:path";
import { makeDirs, UsageError, writeFileAtomic } from "../engine/index";

const HINT = "give a path to a new or regular file";

/** `noLinks`: also refuse a path whose existing directories include a symbolic link (an absolute path). */
export function writeReportFile(path: string, text: string, what: string, noLinks = false): void {
  if (noLinks) {
    let existing = dirname(path);
    while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
    if (realpathSync(existing) !== existing) {
      throw new UsageError(
        `${what}: '${path}' is under a symbolic link ('${existing}'); ${HINT} without one`,
      );
    }
  }
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
