/**
 * Before each test file: the core's per-execution state as a new Apps Script execution has it
 * (days counted in the script's own zone, no day dates are read for). Files share one module
 * instance per worker (vitest.config.ts runs them without isolation), so no file inherits what
 * another set. The other module-level values in src are memos of pure functions.
 */
import { countDaysIn, readDatesFor } from '../src/core/dates';

countDaysIn(null);
readDatesFor(undefined);
