// Entry point of dist/action-post.js: the post step.
import { run } from "./post";

await run();
