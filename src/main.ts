/** Process entry for `npm start`: the same as `packline serve`. */
import { loadConfig } from './config.js';
import { serve } from './serve.js';

serve(loadConfig()).catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
