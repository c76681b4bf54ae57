// actions/checkout persists the token in .git/config (http.<url>.extraheader) or, from v6, in a file
// under RUNNER_TEMP pulled in with includeIf. The sandbox gets a copy of .git/config without either.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const credentialKey = /^\s*(extraheader|helper|token|password|.*credential.*)\s*=/i;

/** Returns a sanitized copy's path (to mount over /workspace/.git/config), or null when there is none. */
export function sanitizedGitConfig(workspace: string, tempDir: string): string | null {
  const config = join(workspace, ".git", "config");
  if (!existsSync(config)) return null;
  const out: string[] = [];
  let dropSection = false;
  for (const line of readFileSync(config, "utf8").split("\n")) {
    const section = /^\s*\[([^\]]+)\]/.exec(line);
    if (section) {
      const name = (section[1] ?? "").trim().toLowerCase();
      dropSection = name.startsWith("include") || name.startsWith("credential");
      if (dropSection) continue;
    }
    if (dropSection || credentialKey.test(line)) continue;
    out.push(line);
  }
  const file = join(tempDir, "gitconfig");
  writeFileSync(file, out.join("\n"), { mode: 0o644 });
  return file;
}
