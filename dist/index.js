import { enableCompileCache } from "node:module";
enableCompileCache?.();
await import("./action.js");
