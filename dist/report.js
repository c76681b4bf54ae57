import { enableCompileCache } from "node:module";
enableCompileCache?.();
await import("./report-action.js");
