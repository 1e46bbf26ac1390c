/**
 * Worker threads running this project's TypeScript modules.
 */
import { Worker } from "node:worker_threads";

/**
 * A worker thread running the module at `moduleUrl` (a .ts file). Workers
 * do not inherit tsx's loader on Node 20, so the worker registers it before
 * importing the module.
 */
export function startTsWorker(moduleUrl: URL): Worker {
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(moduleUrl.href)}); })`;
  return new Worker(boot, { eval: true });
}
