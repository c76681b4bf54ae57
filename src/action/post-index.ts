// Entry point of dist/action-post.cjs: the post step.
import { run } from "./post";

void run();
