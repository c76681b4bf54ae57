// Entry point of dist/report-action.cjs, the report action's bundle (report/action.yml).
import { runReport } from "./merge-main";

void runReport();
