// Entry point of dist/report-action.js, the report action's bundle (report/action.yml).
import { runReport } from "./merge-main";

await runReport();
