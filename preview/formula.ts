/** The formula parser and A1 helpers live with the emulator's Sheets-like evaluation; re-exported here for the preview. */
export * from '../emulator/formula';
