/**
 * The service as a separate process (`node dist/main.js`) that the crash test can kill -9 and
 * start again on the same database and the same port, so clients keep one base URL throughout.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export class ServiceProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private log = '';
  readonly base: string;

  constructor(private readonly databaseUrl: string, readonly port: number, private readonly env: Record<string, string>) {
    this.base = `http://127.0.0.1:${port}`;
  }

  /** Spawns the process; does not wait for it to answer (a kill may come first). */
  spawn(): void {
    const child = spawn(process.execPath, [main], {
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1', DATABASE_URL: this.databaseUrl, LOG_LEVEL: 'warn' },
    });
    this.log = '';
    child.stdout!.on('data', (d) => (this.log = (this.log + d).slice(-20_000)));
    child.stderr!.on('data', (d) => (this.log = (this.log + d).slice(-20_000)));
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    this.child = child;
  }

  /** Waits until /health answers 200; throws with the process output if it exits or takes 30 s. */
  async ready(): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (this.child?.exitCode !== null) throw new Error(`the service exited (${this.child?.exitCode}):\n${this.log}`);
      const ok = await fetch(`${this.base}/health`).then((r) => r.status === 200, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 30));
    }
    throw new Error(`the service did not become ready in 30 s:\n${this.log}`);
  }

  async start(): Promise<void> {
    this.spawn();
    await this.ready();
  }

  async kill(signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL'): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill(signal);
    await this.exited;
  }

  output(): string {
    return this.log;
  }
}
