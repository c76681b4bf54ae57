// Writes a report file (JUnit XML, a merged results.json) where the user asked. In the Action the path is
// in a workspace that sandboxes could write (workspace: rw): a symbolic link planted there, as the file or
// as a directory on its way, is refused, never followed onto another file or directory of the runner.
import {
  closeSync,
  existsSync,
  constants as fs,
  mkdirSync,
  openSync,
  realpathSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";
import { UsageError } from "../engine/index";

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
  let fd: number;
  try {
    mkdirSync(dirname(path), { recursive: true });
    fd = openSync(path, fs.O_WRONLY | fs.O_CREAT | fs.O_TRUNC | fs.O_NOFOLLOW, 0o644);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ELOOP" ? "is a symbolic link" : `cannot be written (${code})`;
    throw new UsageError(`${what}: '${path}' ${why}; ${HINT}`);
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}
