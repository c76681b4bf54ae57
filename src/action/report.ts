// Pure: results → the job summary's table, the failure blocks and the annotation text.
import { formatBytes, formatMs } from "../engine/units";
import type { NamedResult } from "./runner";

function formatMemory(bytes: number | null): string {
  return bytes === null ? "n/a" : formatBytes(bytes);
}

const statusIcon: Record<string, string> = {
  ok: "✅ ok",
  failed: "❌ failed",
  signaled: "❌ signaled",
  "setup-error": "⚠️ setup-error",
  timeout: "⏱️ timeout",
  oom: "💥 oom",
  "pids-limit": "🍴 pids-limit",
};

export function isFailure(r: NamedResult): boolean {
  return r.status !== "ok";
}

/** One row a command: name, status, exit code, wall, cpu, peak memory, peak pids. */
export function summaryRows(results: NamedResult[]): string[][] {
  return results.map((r) => [
    escapeHtml(r.name),
    statusIcon[r.status] ?? r.status,
    String(r.exitCode),
    formatMs(r.wallMs),
    formatMs(r.cpuUserMs + r.cpuSystemMs),
    formatMemory(r.memoryPeakBytes),
    r.pidsPeak === null ? "n/a" : String(r.pidsPeak),
  ]);
}

export const SUMMARY_HEADER = ["command", "status", "exit", "wall", "cpu", "peak memory", "peak pids"];

export function annotation(r: NamedResult): string {
  if (r.status === "setup-error")
    return `${r.name}: the sandbox failed to start: ${r.error?.message ?? "unknown"}`;
  const why = r.reason ? ` (${r.reason})` : "";
  return `${r.name}: ${r.status}, exit code ${r.exitCode}${why}`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
}

/** Keeps the last `max` lines of a command's output (the summary is capped at 1 MiB a step). */
export class Tail {
  private text = "";
  constructor(private readonly maxBytes = 16 * 1024) {}
  push(chunk: string): void {
    this.text += chunk;
    if (this.text.length > this.maxBytes * 2) this.text = this.text.slice(-this.maxBytes);
  }
  lines(max = 30): string {
    return this.text
      .split("\n")
      .slice(-max - 1)
      .join("\n")
      .slice(-this.maxBytes);
  }
}
