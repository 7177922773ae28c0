/** Runs the service: config → database → migrate → demo customer on first run → listen → graceful shutdown. */
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { type RunningJobs, startJobs } from './jobs.js';
import { ensureDemoCustomer } from './modules/accounts/demo-customer.js';
import { backgroundJobs } from './background-jobs.js';

export async function serve(config: Config): Promise<void> {
  let ready = false;
  let baseUrl = config.publicBaseUrl ?? `http://localhost:${config.port}`;
  const app = await buildApp(config, { ready: () => ready, publicBaseUrl: () => baseUrl });
  const log = app.server.log;

  const demo = await ensureDemoCustomer(app.deps, config.demoApiKey);
  if (demo) {
    log.info({ customerReference: demo.customer.reference }, 'first run: created the demo customer with shipping location WH1, package sizes S, M, L and the simulated carriers');
    // Printed plainly as well as logged: this is the one time the key can be seen.
    process.stdout.write(`\nDemo customer "${demo.customer.name}" (${demo.customer.reference})\nAPI key: ${demo.apiKey}\n` +
      `Send it as the ocp-apim-subscription-key header.\n\n`);
  }

  await app.server.listen({ port: config.port, host: config.host });
  const address = app.server.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  baseUrl = config.publicBaseUrl ?? `http://localhost:${port}`;
  ready = true;
  const jobs: RunningJobs | undefined = config.jobs ? startJobs(app.deps, backgroundJobs(config), log) : undefined;
  log.info({ port, host: config.host, publicBaseUrl: baseUrl, database: config.databaseUrl.split(':')[0] }, `Packline listening on http://${config.host}:${port}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ready = false;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    try {
      await app.server.close();
      await jobs?.stop();
      await app.connection.close();
      log.info('stopped');
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
