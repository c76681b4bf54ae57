// Entry point of dist/action.js. It only dispatches: the same bundle is the main step, the privileged
// worker under `sudo -n` and the post step's privileged cleanup.
import { run } from "./main";
import { cleanupMain, workerMain } from "./worker";

const mode = process.argv[2];
if (mode === "--nsbox-worker") process.exitCode = await workerMain();
else if (mode === "--nsbox-cleanup") process.exitCode = await cleanupMain(process.argv[3]);
else await run();
