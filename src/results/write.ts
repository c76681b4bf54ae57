// Writes a report file (JUnit XML, a merged results.json) where the user asked. The path may be in a
// workspace that sandboxes could write (workspace: rw): a symbolic link planted there is refused, never
// followed onto another file of the runner.
import { closeSync, constants as fs, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { UsageError } from "../engine/types";

export function writeReportFile(path: string, text: string, what: string): void {
  let fd: number;
  try {
    mkdirSync(dirname(path), { recursive: true });
    fd = openSync(path, fs.O_WRONLY | fs.O_CREAT | fs.O_TRUNC | fs.O_NOFOLLOW, 0o644);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ELOOP" ? "is a symbolic link" : `cannot be written (${code})`;
    throw new UsageError(`${what}: '${path}' ${why}; give a path to a new or regular file`);
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}
