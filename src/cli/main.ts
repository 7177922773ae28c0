/** `packline <command>`: run the service and manage accounts against DATABASE_URL; import and export against a running service (remote-commands.ts). */
import { Command } from 'commander';
import { makeDeps, openDatabase } from '../app.js';
import { loadConfig } from '../config.js';
import { createApiKey, createCustomer, revokeApiKeys } from '../modules/accounts/manage-accounts.js';
import type { Deps } from '../modules/deps.js';
import { createCarrierKey, revokeCarrierKeys } from '../modules/tracking/index.js';
import { serve } from '../serve.js';
import { AppError } from '../shared/errors.js';
import { addRemoteCommands } from './remote-commands.js';

async function withDatabase<T>(work: (deps: Deps) => Promise<T>): Promise<T> {
  const connection = await openDatabase(loadConfig().databaseUrl);
  try {
    return await work(makeDeps(connection));
  } finally {
    await connection.close();
  }
}

export function buildCli(): Command {
  const program = new Command('packline').description('Packline: self-hosted, SortedPRO-compatible shipping service').showHelpAfterError();

  program.command('serve').description('run the HTTP service (configured by PORT, HOST, DATABASE_URL, …)').action(() => serve(loadConfig()));

  program.command('migrate').description('bring the database schema up to date').action(() =>
    withDatabase(async () => {
      process.stdout.write('database is up to date\n');
    }));

  const customers = program.command('customers').description('manage customers');
  customers.command('create <name>').description('create a customer and print its reference and a new API key').action((name: string) =>
    withDatabase(async (deps) => {
      const { customer, apiKey } = await createCustomer(deps, { name });
      process.stdout.write(`customer reference: ${customer.reference}\napi key: ${apiKey}\n(the key is shown only now; store it)\n`);
    }));

  const keys = program.command('keys').description('manage API keys');
  keys.command('create <customerReference>').description('print a new API key for a customer').option('--label <label>', 'a note on what the key is for').action(
    (customerReference: string, opts: { label?: string }) =>
      withDatabase(async (deps) => {
        const apiKey = await createApiKey(deps, customerReference, opts.label);
        process.stdout.write(`api key: ${apiKey}\n(the key is shown only now; store it)\n`);
      }),
  );
  keys.command('revoke <keyPrefix>').description('revoke every key starting with the given characters (at least 8)').action((prefix: string) =>
    withDatabase(async (deps) => {
      const n = await revokeApiKeys(deps, prefix);
      process.stdout.write(`revoked ${n} key${n === 1 ? '' : 's'}\n`);
      if (n === 0) process.exitCode = 1;
    }));

  const carrierKeys = program.command('carrier-keys').description('manage carrier-scoped keys (they may only post tracking events for their carrier)');
  carrierKeys.command('create <carrierReference>').description('print a new key for a carrier, e.g. SIMPOST').action((carrierReference: string) =>
    withDatabase(async (deps) => {
      const { carrierReference: carrier, key } = await createCarrierKey(deps, carrierReference);
      process.stdout.write(`carrier: ${carrier}\ncarrier key: ${key}\n(the key is shown only now; store it)\n`);
    }));
  carrierKeys.command('revoke <keyPrefix>').description('revoke every carrier key starting with the given characters (at least 8)').action((prefix: string) =>
    withDatabase(async (deps) => {
      const n = await revokeCarrierKeys(deps, prefix);
      process.stdout.write(`revoked ${n} carrier key${n === 1 ? '' : 's'}\n`);
      if (n === 0) process.exitCode = 1;
    }));

  addRemoteCommands(program);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    process.stderr.write(`packline: ${err instanceof AppError || err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
