/**
 * The local harness: the built bundle on the emulator as google.script.run's server, and the
 * browser shim that calls it. See bundle-host.ts, shim.ts, server.ts and serialize.ts.
 *
 *   const host = createBundleHost({ emulator });
 *   const { url, close } = await startSidebarServer({ host });     // tests
 *   if (isScriptRunRequest(req)) return handleScriptRun(req, res, host);   // another server
 *   res.end(sidebarPage(html, { functions: host.endpointNames() }));
 */
export { type BundleHost, type BundleHostOptions, createBundleHost, DIST_CODE, DIST_SIDEBAR, type ScriptRunOutcome, type ScriptRunRecord } from './bundle-host';
export { checkScriptValue, type IllegalValue } from './serialize';
export { handleScriptRun, isOwnHost, isScriptRunRequest, MAX_BODY_BYTES, refuseForeignRequest, type SidebarServer, startSidebarServer } from './server';
export { SCRIPT_RUN_PATH, type ShimOptions, scriptRunShim, sidebarPage } from './shim';
