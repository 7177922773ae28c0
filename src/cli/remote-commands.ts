/**
 * The commands that work against a running service through its public API (the typed client),
 * never the database: `import orders` and `export consignments`.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { createPacklineClient, type PacklineClient } from '../client/index.js';
import { loadRemoteConfig } from '../config.js';
import { exportConsignments, type ExportFormat } from './export/export-consignments.js';
import { ImportAborted, importOrders, type ImportSummary } from './import/import-orders.js';
import { createProgress } from './progress.js';

interface RemoteOptions { url?: string; key?: string }

const remoteOptions = (command: Command) =>
  command
    .option('--url <url>', 'the service, e.g. http://localhost:8080 (default: $PACKLINE_URL)')
    .option('--key <apiKey>', 'API key (default: $PACKLINE_API_KEY)');

function clientFrom(options: RemoteOptions, required: boolean): PacklineClient | undefined {
  const env = loadRemoteConfig();
  const baseUrl = options.url ?? env.url;
  const apiKey = options.key ?? env.apiKey;
  if (!baseUrl || !apiKey) {
    if (!required) return undefined;
    throw new InvalidArgumentError('give the service with --url (or PACKLINE_URL) and a key with --key (or PACKLINE_API_KEY)');
  }
  return createPacklineClient({ baseUrl, apiKey });
}

export function addRemoteCommands(program: Command): void {
  const imports = program.command('import').description('bulk-load data into a running service');
  remoteOptions(imports.command('orders <file>'))
    .description('create orders from a CSV file (one row per order line; see README "Bulk import and export")')
    .option('--dry-run', 'check every row and report, without creating anything')
    .option('--concurrency <n>', 'orders sent at once', (v) => positiveInt(v), 8)
    .action(async (file: string, options: RemoteOptions & { dryRun?: boolean; concurrency: number }) => {
      const dryRun = Boolean(options.dryRun);
      const client = clientFrom(options, !dryRun);
      try {
        const summary = await importOrders({
          file, client, dryRun, concurrency: options.concurrency,
          progress: (totalBytes) => createProgress({ totalBytes, stream: process.stderr, label: dryRun ? 'checking' : 'importing' }),
        });
        process.stdout.write(describeImport(summary, dryRun));
        if (summary.rowsRejected > 0) process.exitCode = 1;
      } catch (err) {
        if (!(err instanceof ImportAborted)) throw err;
        process.stderr.write(`packline: import stopped: ${err.message}\n`);
        process.exitCode = 2;
      }
    });

  const exports = program.command('export').description('write data from a running service');
  remoteOptions(exports.command('consignments'))
    .description('write consignment summaries (Search Consignments), newest first, as CSV or JSON')
    .option('--state <states>', 'only these states, comma-separated (e.g. Allocated,Manifested)')
    .option('--from <date>', 'created on or after (ISO date or date-time)')
    .option('--to <date>', 'created on or before (a date alone takes in that whole day)')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).makeOptionMandatory())
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (options: RemoteOptions & { state?: string; from?: string; to?: string; format: ExportFormat; out?: string }) => {
      const client = clientFrom(options, true)!;
      const file = options.out ? createWriteStream(options.out) : null;
      const { exported } = await exportConsignments({ client, format: options.format, out: file ?? process.stdout, state: options.state, from: options.from, to: options.to });
      if (file) {
        file.end();
        await once(file, 'finish');
      }
      process.stderr.write(`exported ${exported} consignment${exported === 1 ? '' : 's'}${options.out ? ` to ${options.out}` : ''}\n`);
    });
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('a whole number from 1 to 64');
  return n;
}

function describeImport(s: ImportSummary, dryRun: boolean): string {
  const lines = dryRun
    ? [`dry run: nothing was sent`, `orders that would be sent: ${s.ordersValid}`]
    : [`orders created: ${s.ordersCreated}`, `orders already imported (earlier run, replayed): ${s.ordersAlreadyImported}`];
  lines.push(
    `orders rejected: ${s.ordersRejected}`,
    `rows read: ${s.rowsRead}, rows rejected: ${s.rowsRejected}`,
    `time: ${s.seconds.toFixed(1)} s (${Math.round(s.rowsRead / Math.max(s.seconds, 0.001))} rows/s)`,
  );
  if (!s.locationsChecked) lines.push('shipping locations were not checked (no service given)');
  if (s.rejectedFile) lines.push(`rejected rows and reasons: ${s.rejectedFile}`);
  return `${lines.join('\n')}\n`;
}
