import { enableCompileCache } from "node:module";
const fs = process.getBuiltinModule("node:fs");
const uid = process.geteuid();
const dir = `${process.getBuiltinModule("node:os").tmpdir()}/nsbox-compile-cache-${uid}`;
try {
  fs.mkdirSync(dir, { mode: 0o700 });
} catch {}
try {
  const st = fs.lstatSync(dir);
  if (st.isDirectory() && st.uid === uid && (st.mode & 0o077) === 0) enableCompileCache?.(dir);
} catch {}
await import("./report-action.js");
