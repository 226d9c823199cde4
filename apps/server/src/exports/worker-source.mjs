// The export worker started from the TypeScript sources (dev and tests). Piscina's worker threads
// do not get the ESM hooks of `--import tsx` in execArgv (only its require hook), so a dynamic
// import() inside a package (the renderers load their libraries on first use) would not find
// `.ts` files: register tsx's ESM loader in this thread, then load the worker.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./worker.ts');

export default worker.default;
