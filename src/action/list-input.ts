// Pure: how the Action's list inputs are written, shared by the step's inputs (plan.ts) and a command's
// own (commands.ts).

/** Entries one per line (or comma-separated: give `/\n/` where a value may hold a comma), `#` comments and
 * blank lines skipped, each trimmed (so `\r\n` line ends too). */
export function lines(value: string, separators = /[\n,]/): string[] {
  return value
    .split(separators)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
}
