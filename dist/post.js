import { enableCompileCache } from "node:module";
enableCompileCache?.();
await import("./action-post.js");
