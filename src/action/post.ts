// The post step: removes whatever a crashed or cancelled main step left (cgroups, links, rules, temp
// dirs). A no-op when there is nothing.
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as core from "@actions/core";
import { cleanupStale } from "../engine/index";
import { State } from "./constants";
import { cleanupWithSudo, detectPrivilege } from "./privilege";
import { toStdout, writeInert } from "./workflow-commands";

const entry = join(dirname(fileURLToPath(import.meta.url)), "action.cjs");

/** The post step's logic (post-index.ts is its entry point). */
export async function run(): Promise<void> {
  try {
    await post();
  } catch (err) {
    core.warning(`nsbox cleanup: ${(err as Error).message}`);
  }
}

async function post(): Promise<void> {
  try {
    await cleanupEngine();
  } finally {
    // After the engine's cleanup, and never in its way: a temp dir that cannot be removed (a file the
    // privileged part made) is a warning of its own, not a reason to leave cgroups and rules behind.
    const temp = core.getState(State.TempDir);
    try {
      if (temp) rmSync(temp, { recursive: true, force: true });
    } catch (err) {
      core.warning(`nsbox: cannot remove its temp dir ${temp}: ${(err as Error).message}`);
    }
  }
}

async function cleanupEngine(): Promise<void> {
  const cacheDir = core.getState(State.CacheDir) || undefined;
  const privilege = core.getState(State.Privilege) || detectPrivilege();
  if (privilege === "sudo") {
    const { code, output } = await cleanupWithSudo(entry, cacheDir);
    if (output) writeInert(toStdout, `${output}\n`);
    if (code !== 0) core.warning(`nsbox: the privileged cleanup did not finish (exit code ${code})`);
    return;
  }
  const removed = await cleanupStale(cacheDir);
  core.info(
    removed ? `nsbox: removed ${removed} leftover(s) of an interrupted run` : "nsbox: nothing to clean up",
  );
}
