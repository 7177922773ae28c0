/**
 * Real service processes (`node dist/main.js`, needs `npm run build`) for the scale-out test:
 * several instances on one PostgreSQL schema. Each gets an `application_name` of its own, so the
 * test can find exactly its connections in pg_stat_activity while other suites share the server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** Output kept per instance: the tail is enough to explain a failure. */
const OUTPUT_KEPT = 200_000;

export interface Instance {
  name: string;
  applicationName: string;
  child: ChildProcess;
  base: string;
  /** Error-level log lines (pino level ≥ 50) seen so far. */
  errors: string[];
  output(): string;
}

export async function startInstance(name: string, databaseUrl: string, applicationName: string, env: Record<string, string>): Promise<Instance> {
  const url = `${databaseUrl}${databaseUrl.includes('?') ? '&' : '?'}application_name=${encodeURIComponent(applicationName)}`;
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DATABASE_URL: url, ...env },
  });
  let output = '';
  const errors: string[] = [];
  let partial = '';
  const take = (d: Buffer) => {
    output = (output + d).slice(-OUTPUT_KEPT);
    const lines = (partial + d).split('\n');
    partial = lines.pop()!;
    for (const line of lines) if (/"level":(5|6)\d/.test(line)) errors.push(line);
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const port = /"port":(\d+)/.exec(output)?.[1];
    if (port) return { name, applicationName, child, base: `http://127.0.0.1:${port}`, errors, output: () => output };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`instance ${name} did not start:\n${output}`);
}

export async function stopInstance(instance: Instance | undefined): Promise<void> {
  if (!instance || instance.child.exitCode !== null) return;
  const exited = new Promise((r) => instance.child.once('exit', r));
  instance.child.kill('SIGTERM');
  const timer = setTimeout(() => instance.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
