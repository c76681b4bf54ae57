import { createRequire as __nsboxCreateRequire } from "node:module";
import { dirname as __nsboxDirname } from "node:path";
import { fileURLToPath as __nsboxFileURLToPath } from "node:url";
const require = __nsboxCreateRequire(import.meta.url);
const __filename = __nsboxFileURLToPath(import.meta.url);
const __dirname = __nsboxDirname(__filename);
import {
  cleanupWithSudo,
  detectPrivilege,
  writeInert
} from "./chunk-JJUOOUUH.js";
import {
  cleanupStale,
  getState,
  info,
  warning
} from "./chunk-OKCVBC3W.js";
import "./chunk-H242IAHX.js";

// src/action/post.ts
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
var entry = join(dirname(fileURLToPath(import.meta.url)), "action.js");
async function run() {
  try {
    await post();
  } catch (err) {
    warning(`nsbox cleanup: ${err.message}`);
  }
}
async function post() {
  const temp = getState("temp-dir" /* TempDir */);
  if (temp) rmSync(temp, { recursive: true, force: true });
  const cacheDir = getState("cache-dir" /* CacheDir */) || void 0;
  const privilege = getState("privilege" /* Privilege */) || detectPrivilege();
  if (privilege === "sudo") {
    const { code, output } = await cleanupWithSudo(entry, cacheDir);
    if (output) writeInert((d) => process.stdout.write(d), `${output}
`);
    if (code !== 0) warning(`nsbox: the privileged cleanup did not finish (exit code ${code})`);
    return;
  }
  const removed = await cleanupStale(cacheDir);
  info(
    removed ? `nsbox: removed ${removed} leftover(s) of an interrupted run` : "nsbox: nothing to clean up"
  );
}

// src/action/post-index.ts
await run();
