// The Action running many commands (issue 15): what one more `true` command costs inside one Action step,
// where the session's helper server serves every sandbox, against Node spawning bwrap once per command.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { oneLine, row } from "./common.mjs";
import { bwrapArgv, spawnTimed } from "./peers.mjs";
import { median } from "./stats.mjs";

const COMMANDS = 200;

export async function actionPerCommand(ctx) {
  const { root, mirror, tmp, rootfs, have, cfg } = ctx;
  const base = {
    id: "5-action-commands",
    what: `the Action with ${COMMANDS} \`true\` commands, per command ((T${COMMANDS} − T1) / ${COMMANDS - 1}, warm cache; vs Node spawning \`bwrap --unshare-all\` per command, ${COMMANDS} in a row)`,
    unit: "ms",
    goal: { op: "<=", value: 0.7 },
  };
  const entry = join(root, "dist/index.js");
  if (!existsSync(entry)) return [row({ ...base, na: "dist/index.js is missing (npm run build)" })];
  if (!have.bwrap) return [row({ ...base, na: "bwrap is not installed" })];
  const dir = join(tmp, "action-commands");
  mkdirSync(join(dir, "toolcache"), { recursive: true });
  let k = 0;
  const runAction = async (commands) => {
    const n = k++;
    const files = {};
    for (const f of ["GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_STATE"]) {
      files[f] = join(dir, `${f.toLowerCase()}-${n}`);
      writeFileSync(files[f], "");
    }
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME ?? "/root",
      INPUT_COMMANDS: Array.from({ length: commands }, () => "true").join("\n"),
      INPUT_MIRROR: mirror.url,
      INPUT_WORKSPACE: "none",
      "INPUT_ALPINE-VERSION": "3.20",
      RUNNER_TOOL_CACHE: join(dir, "toolcache"),
      RUNNER_TEMP: dir,
      ...files,
    };
    const t0 = performance.now();
    const { code, out } = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [entry], { env, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
      child.once("error", reject);
      child.once("close", (code) => resolve({ code, out }));
    });
    const ms = performance.now() - t0;
    for (const f of Object.values(files)) rmSync(f, { force: true });
    if (code !== 0 || /::error/.test(out))
      throw new Error(`the Action failed (exit ${code}): ${out.slice(-400)}`);
    return ms;
  };
  const bwrapLoop = async () => {
    const t0 = performance.now();
    for (let i = 0; i < COMMANDS; i++) await spawnTimed(bwrapArgv(rootfs, ["/bin/true"]));
    return (performance.now() - t0) / COMMANDS;
  };
  try {
    await runAction(1); // fills the tool cache
    const rounds = Math.max(3, Math.round(cfg.actionN / 3));
    const perCommand = [];
    const perSpawn = [];
    for (let r = 0; r < rounds; r++) {
      const one = await runAction(1);
      const many = await runAction(COMMANDS);
      perCommand.push((many - one) / (COMMANDS - 1));
      perSpawn.push(await bwrapLoop());
    }
    return [
      row({
        ...base,
        nsbox: median(perCommand),
        peer: median(perSpawn),
        detail: { perCommand, perSpawn, rounds },
      }),
    ];
  } catch (e) {
    return [row({ ...base, na: oneLine(e) })];
  }
}
