// Through the runner harness: nothing a sandbox prints is a workflow command,
// a flood keeps the Action's memory bounded, annotations stay within the runner's cap, the summary keeps
// the sandbox's text in its block, and a cancelled run says so.
// Long on purpose: the cases share one runner-harness set-up and its fixtures.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { elements, parseHtml, textOf } from "../support/html";
import {
  type ActionRecord,
  commandsInput,
  createRunner,
  ensureUser,
  FAKE_GITHUB_TOKEN,
  FAKE_RUNTIME_TOKEN,
  REPO_ROOT,
  type RunAs,
  removeUser,
  runAction,
} from "../support/runner-harness";
import { sandboxSkipReason } from "../support/sandbox";

const USER = "nsbox-h10out";
const hasDist = () => readdirSync(join(REPO_ROOT, "dist")).includes("index.js");

// Every kind of workflow command a hostile command could print, on stdout and stderr, ending in a partial
// line. If any were parsed, the record would show it: an annotation, a mask, an output, state, env.
const HOSTILE = [
  'echo "::error file=src/a.js,line=1,title=Fake::sandbox error"',
  'echo "::warning::sandbox warning"',
  'echo "::notice file=src/b.js,line=2,title=Notice::sandbox notice"',
  'echo "::add-mask::exit"',
  'echo "::endgroup::"',
  'echo "⮑ ok, exit 0 (not from nsbox)"',
  'echo "::set-env name=PWNED::1"',
  'echo "::add-path::/pwned"',
  'echo "::set-output name=passed::999"',
  'echo "::save-state name=privilege::none"',
  'echo "::stop-commands::guess"',
  'echo "::guess::"',
  'echo "::nsbox::"',
  'echo "::nsbox-00000000000000000000000000000000::"',
  'echo "::error::after guessed resume tokens"',
  'echo "##[error]legacy error"',
  'echo "text then ##[warning]legacy mid-line"',
  'echo "::error::on stderr" >&2',
  "printf '::error::partial last line'",
].join("\n");

function errors(r: ActionRecord) {
  return r.annotations.filter((a) => a.level === "error");
}

describe.skipIf(sandboxSkipReason !== null || !hasDist())(
  "the Action's output, through the runner harness",
  () => {
    let sudoUser: { uid: number; gid: number } | null = null;
    beforeAll(() => {
      sudoUser = ensureUser(USER, { sudo: true });
    });
    afterAll(() => removeUser(USER));

    const who: Array<{ who: string; as: () => RunAs | null }> = [
      { who: "root", as: () => "root" },
      { who: "a sudo user", as: () => sudoUser },
    ];

    for (const c of who) {
      it(`keeps every workflow command a sandbox prints inert (${c.who})`, async (ctx) => {
        const as = c.as();
        if (!as) return ctx.skip("no useradd/sudo on this machine");
        const runner = createRunner({ as });
        try {
          // A name that would inject if nsbox printed it raw: a second command, a property break-out.
          const evilName = "n1 ::error::from the name ##[warning]w %0A, title=t: x";
          const r = await runAction({
            runner,
            with: {
              workspace: "none",
              commands: commandsInput([
                { name: "inject", run: HOSTILE },
                { name: evilName, run: "echo about to fail; exit 3" },
              ]),
            },
          });
          // nsbox's own record, intact: one annotation for the failing command, the step's failure, outputs.
          expect(r.conclusion).toBe("failure");
          expect(r.annotations.map((a) => [a.level, a.title ?? null])).toEqual([
            ["error", `nsbox: ${evilName}`],
            ["error", null],
          ]);
          expect(r.issues.map((a) => a.message)).toHaveLength(2);
          expect(errors(r)[0]?.message).toBe(`${evilName}: failed, exit code 3`);
          expect(r.outputs.passed).toBe("1");
          expect(r.outputs.failed).toBe("1");
          expect(r.outputs["exit-code"]).toBe("3");
          expect(JSON.parse(r.outputs.results ?? "[]").map((x: { name: string }) => x.name)).toEqual([
            "inject",
            evilName,
          ]);
          // Nothing of the sandbox's: no mask (the runner masks each stop token itself), state, env, path.
          expect(r.masks.slice(0, 2)).toEqual([FAKE_GITHUB_TOKEN, FAKE_RUNTIME_TOKEN]);
          expect(r.masks.length).toBeGreaterThan(2);
          for (const m of r.masks.slice(2)) expect(m).toMatch(/^nsbox-[0-9a-f]{32}$/);
          expect(Object.keys(r.state).sort()).toEqual(["cache-dir", "privilege", "temp-dir"]);
          expect(r.state.privilege).toBe(as === "root" ? "root" : "sudo");
          expect(r.env).toEqual({});
          expect(r.path).toEqual([]);
          // The groups: each command's own, opened and closed by nsbox, with nsbox's verdict inside.
          const log = r.log.split("\n");
          expect(log.filter((l) => l.startsWith("##[group]"))).toEqual([
            "##[group]▶ inject",
            `##[group]▶ ${evilName}`,
          ]);
          expect(log.filter((l) => l === "##[endgroup]")).toHaveLength(2);
          const inject = log.slice(log.indexOf("##[group]▶ inject"));
          expect(inject.indexOf("⮑ ok, exit 0")).toBeLessThan(inject.indexOf("##[endgroup]"));
          // The sandbox's lines are in the log as text, the partial last line on a line of its own.
          // (stderr may arrive before or after it: two pipes; the resume line always follows on its own.)
          const partial = log.findIndex((l) => l.includes("::error::partial last line"));
          expect(partial).toBeGreaterThan(0);
          expect(log[partial + 1]).toBe("::***::");
          expect(log).toContain("##[error]legacy error");
          expect(log).toContain("::add-mask::exit");
          expect(r.post?.conclusion).toBe("success");
          // The sudo user's post step runs its privileged cleanup through @actions/exec: silent, so no
          // `[command]sudo …` line; its output printed inert.
          if (as !== "root") {
            expect(r.post?.rawStdout).toMatch(/^nsbox: removed \d+ leftover\(s\)$/m);
            expect(r.post?.rawStdout).not.toContain("[command]");
          }
        } finally {
          runner.remove();
        }
      }, 180_000);

      it(`streams a 500 MB flood with parallel 2 in bounded memory (${c.who})`, async (ctx) => {
        const as = c.as();
        if (!as) return ctx.skip("no useradd/sudo on this machine");
        const runner = createRunner({ as });
        const rssDir = mkdtempSync("/tmp/nsbox-rss-");
        chmodSync(rssDir, 0o777);
        try {
          const r = await runAction({
            runner,
            post: false,
            timeoutMs: 600_000,
            maxCaptureChars: 1024 * 1024,
            env: {
              NODE_OPTIONS: `--import=${join(REPO_ROOT, "test/support/peak-rss.mjs")}`,
              NSBOX_PEAK_RSS_DIR: rssDir,
            },
            with: {
              workspace: "none",
              parallel: "2",
              commands: commandsInput([
                // 8 KiB lines: the harness (not the Action) splits lines, and keeps a bounded log.
                {
                  name: "flood",
                  run: "head -c 500m /dev/zero | tr '\\0' a | fold -w 8192\necho '::set-output name=passed::999'",
                },
                { name: "quiet", run: "echo '::set-output name=failed::777'; echo hi" },
              ]),
            },
          });
          expect(r.conclusion).toBe("success");
          for (const o of ["alpine-version", "results", "results-file", "exit-code", "passed", "failed"])
            expect(r.outputs[o], o).toBeTruthy();
          expect([r.outputs.passed, r.outputs.failed, r.outputs["exit-code"]]).toEqual(["2", "0", "0"]);
          const files = readdirSync(rssDir).filter((f) => f.startsWith("index.js-"));
          expect(files).toHaveLength(1);
          const peakKiB = Number(readFileSync(join(rssDir, files[0] as string), "utf8"));
          console.log(`nsbox flood (${c.who}): the Action's peak RSS ${(peakKiB / 1024).toFixed(1)} MiB`);
          expect(peakKiB).toBeGreaterThan(10 * 1024); // the measurement is real
          expect(peakKiB).toBeLessThan(150 * 1024);
        } finally {
          runner.remove();
          rmSync(rssDir, { recursive: true, force: true });
        }
      }, 700_000);
    }

    it("annotates 9 failures, then one 'and N more failed', within the runner's 10", async () => {
      const runner = createRunner();
      try {
        const failing = Array.from({ length: 12 }, (_, i) => ({
          name: `fail-${i + 1}`,
          run: `exit ${i + 1}`,
        }));
        const r = await runAction({
          runner,
          with: { workspace: "none", parallel: "4", commands: commandsInput(failing) },
        });
        expect(r.conclusion).toBe("failure");
        // issues: every error logged; annotations: what GitHub shows. Equal: nothing nsbox said was dropped.
        expect(r.issues.filter((a) => a.level === "error")).toEqual(errors(r));
        expect(errors(r)).toHaveLength(10);
        expect(
          errors(r)
            .slice(0, 9)
            .every((a) => /^nsbox: fail-\d+$/.test(a.title ?? "")),
        ).toBe(true);
        expect(errors(r)[9]?.message).toBe(
          "and 3 more failed (see the job summary); 12 of 12 command(s) failed",
        );
      } finally {
        runner.remove();
      }
    }, 180_000);

    it("keeps a failure's tail inside its block in the summary, with the limits and the reason", async () => {
      const runner = createRunner();
      const tail =
        "# Heading\n\n[a link](https://example.invalid/)\n![an image](https://example.invalid/x.png)\n</pre></details>\n\n<b>bold</b> & more";
      try {
        const r = await runAction({
          runner,
          with: {
            workspace: "none",
            memory: "64M",
            pids: "32",
            timeout: "2s",
            commands: commandsInput([
              { name: "tail", run: `printf '%s' '${tail.replace(/'/g, "'\\''")}'; exit 1` },
              { name: "slow", run: "sleep 30" },
            ]),
          },
        });
        const summary = r.summary ?? "";
        const blocks = summary.trimEnd().split(/\n\n/);
        expect(blocks[0]).toBe("### nsbox results");
        for (const b of blocks.slice(1)) expect(b).toMatch(/^<(table|p|details)>[^\n]*$/);
        const all = elements(blocks.slice(1).flatMap(parseHtml));
        const allowed = new Set([
          "table",
          "thead",
          "tbody",
          "tr",
          "th",
          "td",
          "p",
          "details",
          "summary",
          "pre",
        ]);
        expect(all.filter((e) => !allowed.has(e.tag)).map((e) => e.tag)).toEqual([]);
        const details = all.filter((e) => e.tag === "details");
        expect(details.map((d) => textOf(d.children[1] ?? ""))).toEqual([tail, "(no output)"]);
        const rows = all
          .filter((e) => e.tag === "tr")
          .map((tr) => tr.children.filter((x) => typeof x !== "string"));
        expect(rows[2]?.map(textOf)[7]).toBe("wall-clock timeout 2s reached");
        expect(rows[2]?.map((td) => td.attrs.align)).toEqual([
          "left",
          "left",
          "right",
          "right",
          "right",
          "right",
          "right",
          "left",
        ]);
        const limits = all
          .filter((e) => e.tag === "p")
          .map(textOf)
          .find((t) => t.startsWith("limits"));
        expect(limits).toBe(
          "limits per sandbox: memory 64.0 MiB · pids 32 · cpus no limit · timeout 2.00 s · cpu-time no limit · tmpfs 512.0 MiB (default)",
        );
      } finally {
        runner.remove();
      }
    }, 180_000);

    it("states the step's limits as a command without its own ran under them, not as the first row's", async () => {
      const runner = createRunner();
      try {
        const r = await runAction({
          runner,
          with: {
            workspace: "none",
            commands:
              "- name: first-own\n  memory: 32M\n  pids: none\n  run: 'true'\n- name: second\n  run: 'true'\n",
          },
        });
        expect(r.conclusion, r.log).toBe("success");
        const second = (
          JSON.parse(r.outputs.results ?? "[]") as Array<{ limits: { memoryBytes: number } }>
        )[1];
        const memory = ((second?.limits.memoryBytes ?? 0) / (1024 * 1024)).toFixed(1);
        const limits = (r.summary ?? "").split("\n\n").filter((b) => b.startsWith("<p>limits"));
        expect(limits).toEqual([
          `<p>limits per sandbox: memory ${memory} MiB (default) · pids 1024 (default) · cpus no limit · timeout no limit · cpu-time no limit · tmpfs 512.0 MiB (default)</p>`,
          "<p>limits of first-own: memory 32.0 MiB · pids no limit · cpus no limit · timeout no limit · cpu-time no limit · tmpfs 512.0 MiB (default)</p>",
        ]);
      } finally {
        runner.remove();
      }
    }, 180_000);

    it("keeps the summary under the runner's 1 MiB with 20 long-named commands of their own limits", async () => {
      const runner = createRunner();
      try {
        // Each name 6,000 `"` (six bytes each escaped): their limits lines alone came to 720 KiB, which with
        // the table passed 1 MiB, and the runner dropped the summary whole.
        const commands = Array.from(
          { length: 20 },
          (_, i) => `- name: '${i}${'"'.repeat(6000)}'\n  timeout: 1m\n  run: "true"\n`,
        ).join("");
        const r = await runAction({ runner, with: { workspace: "none", commands } });
        expect(r.issues).toEqual([]);
        expect(r.conclusion).toBe("success");
        expect(r.summary).toContain("<p>limits of 0&quot;&quot;");
      } finally {
        runner.remove();
      }
    }, 180_000);

    it("logs what a command's outputs left out in its group: the first 5, inert, then how many more", async () => {
      const runner = createRunner();
      try {
        // Seven symlinks (never copied), each named with a line break and a workflow command.
        const links =
          "for i in 1 2 3 4 5 6 7; do ln -s /etc/passwd \"/workspace/out/$(printf '\\n::error::pwned%s' $i)\"; done";
        const r = await runAction({
          runner,
          with: { run: `mkdir /workspace/out; echo kept > /workspace/out/f\n${links}`, outputs: "out" },
        });
        expect(r.conclusion).toBe("success");
        expect(r.issues.filter((a) => a.level === "error")).toEqual([]);
        const log = r.log.split("\n");
        const group = log.slice(log.indexOf("##[group]▶ run"), log.indexOf("##[endgroup]"));
        expect(group).toContain("nsbox: outputs: 7 left out:");
        expect(group.filter((l) => l.endsWith(": symlink (not followed)"))).toHaveLength(5);
        expect(group.filter((l) => /^::error::pwned\d: symlink/.test(l))).toHaveLength(5);
        expect(group).toContain("… and 2 more (the results file's outputs.skipped)");
        expect(
          readFileSync(join(runner.workspace, "nsbox-output", "run", "workspace", "out", "f"), "utf8"),
        ).toBe("kept\n");
      } finally {
        runner.remove();
      }
    }, 180_000);

    it("reports a cancelled run as cancelled (SIGINT to the Action, as the runner cancels)", async () => {
      const runner = createRunner();
      try {
        // The launcher stands in for the runner's cancel: SIGINT to the main step once the sandbox runs
        // (the post step, which the launcher also starts, runs undisturbed).
        const cancel = [
          "/bin/sh",
          "-c",
          `case "$2" in */index.js) ;; *) exec "$@" ;; esac
          "$@" & p=$!; n=0
          until pgrep -f '^sleep 3607.25$' >/dev/null || [ $n -gt 600 ]; do n=$((n+1)); sleep 0.1; done
          kill -INT $p; wait $p`,
          "cancel",
        ];
        const r = await runAction({
          runner,
          launcher: cancel,
          with: { workspace: "none", commands: "sleep 3607.25\necho never" },
        });
        const results = JSON.parse(r.outputs.results ?? "[]") as Array<{ status: string; reason: string }>;
        expect(results).toEqual([
          expect.objectContaining({ status: "cancelled", reason: "the run was cancelled" }),
        ]);
        expect(errors(r)[0]?.message).toBe("sleep 3607.25: cancelled, exit code 137 (the run was cancelled)");
        expect(r.log).toContain("nsbox: skipped command 2 (cancelled):");
        expect(r.conclusion).toBe("failure");
      } finally {
        runner.remove();
      }
    }, 180_000);

    it("fails a cancelled run whatever fail-on-error says: a run cut short is no grade", async () => {
      const runner = createRunner();
      try {
        // As the cancel test's launcher, in Node: Debian's sh (dash) would drop INPUT_FAIL-ON-ERROR from the
        // step's environment (a name with dashes is no shell variable), which the runner passes as it is.
        const cancel = [
          process.execPath,
          "-e",
          `const { spawn, execFileSync } = require("node:child_process");
          const [cmd, ...args] = process.argv.slice(1);
          const step = spawn(cmd, args, { stdio: "inherit" });
          step.on("exit", (code) => process.exit(code ?? 128));
          const running = () => {
            try {
              execFileSync("pgrep", ["-f", "^sleep 3608.75$"]);
              return true;
            } catch {
              return false;
            }
          };
          const poll = setInterval(() => {
            if (running()) clearInterval(poll), step.kill("SIGINT");
          }, 100);
          if (!args.some((a) => a.endsWith("/index.js"))) clearInterval(poll);`,
        ];
        const r = await runAction({
          runner,
          launcher: cancel,
          with: { workspace: "none", commands: "sleep 3608.75\necho never", "fail-on-error": "false" },
        });
        const results = JSON.parse(r.outputs.results ?? "[]") as Array<{ status: string }>;
        expect(results.map((x) => x.status)).toEqual(["cancelled"]);
        expect(r.log).toContain("nsbox: skipped command 2 (cancelled):");
        expect(r.conclusion).toBe("failure");
        expect(errors(r).map((a) => a.message)).toEqual([
          "sleep 3608.75: cancelled, exit code 137 (the run was cancelled)",
          "the step was cancelled: 1 command(s) stopped, 1 of 2 not run",
        ]);
      } finally {
        runner.remove();
      }
    }, 180_000);

    it("stops copying a spooled output when cancelled, and still reports (SIGINT, then SIGKILL)", async () => {
      const runner = createRunner();
      try {
        // 200 MB spooled takes ~5 s to copy into the log here. Once the flood has ended (its copy under
        // way), the launcher cancels as the runner does, its 10 s to SIGKILL shortened to 3 s.
        const size = 200_000_017;
        const cancel = [
          "/bin/sh",
          "-c",
          `case "$2" in */index.js) ;; *) exec "$@" ;; esac
          "$@" & p=$!; n=0
          until pgrep -f '^head -c ${size}$' >/dev/null || [ $n -gt 600 ]; do n=$((n+1)); sleep 0.05; done
          while pgrep -f '^head -c ${size}$' >/dev/null && [ $n -lt 1200 ]; do n=$((n+1)); sleep 0.05; done
          sleep 0.5; kill -INT $p
          n=0; while kill -0 $p 2>/dev/null && [ $n -lt 30 ]; do n=$((n+1)); sleep 0.1; done
          kill -KILL $p 2>/dev/null; wait $p`,
          "cancel",
        ];
        const r = await runAction({
          runner,
          launcher: cancel,
          maxCaptureChars: 1024 * 1024,
          timeoutMs: 120_000,
          with: {
            workspace: "none",
            parallel: "2",
            commands: commandsInput([
              { name: "flood", run: `yes 'some output line' | head -c ${size}` },
              { name: "long", run: "sleep 3607.5" },
            ]),
          },
        });
        expect(r.exitCode).toBe(1); // the step's own failure (a cancelled command), not the SIGKILL's 137
        const results = JSON.parse(r.outputs.results ?? "[]") as Array<{ name: string; status: string }>;
        expect(results.map((x) => [x.name, x.status])).toEqual([
          ["flood", "ok"],
          ["long", "cancelled"],
        ]);
        expect(readdirSync(join(runner.temp, "nsbox-results"))).toHaveLength(1);
        expect(r.summary).toContain("### nsbox results");
        expect(errors(r)[0]?.message).toBe("long: cancelled, exit code 137 (the run was cancelled)");
        // The flood's block is closed (the resume line, then nsbox's own lines, read as commands again);
        // what it left out is said, the name inert.
        const log = r.log.split("\n");
        const note = log.findIndex((l) =>
          /^nsbox: the run was stopped by SIGINT: [\d.]+ MiB of command 1's output not copied into the log:$/.test(
            l,
          ),
        );
        expect(note).toBeGreaterThan(0);
        expect(log[note - 1]).toBe("::***::");
        expect(log.slice(note + 1, note + 4)).toEqual(["::stop-commands::***", "flood", "::***::"]);
        expect(log[note + 4]).toBe("⮑ ok, exit 0");
      } finally {
        runner.remove();
      }
    }, 180_000);
  },
);
