// Entry point of dist/action.cjs. It only dispatches: the same bundle is the main step, the privileged
// worker under `sudo -n` and the post step's privileged cleanup. (No top-level await: the bundle is
// CommonJS, run by dist/index.js with a code cache.)
import { run } from "./main";
import { cleanupMain, workerMain } from "./worker";

async function dispatch(mode: string | undefined): Promise<void> {
  if (mode === "--nsbox-worker") process.exitCode = await workerMain();
  else if (mode === "--nsbox-cleanup") process.exitCode = await cleanupMain(process.argv[3]);
  else {
    await run();
    // The step is over and all it wrote is written (the runner's pipes and files are written
    // synchronously): exiting here skips tearing down the heap and handles (~0.6 ms of every step).
    process.exit();
  }
}

void dispatch(process.argv[2]);
