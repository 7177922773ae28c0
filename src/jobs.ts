/**
 * In-process background jobs (the manifest queue, tracking polls, recovery of interrupted
 * allocations): each runs every `everyMs`, never overlapping itself, and logs its failures
 * instead of crashing the service. Tests call a job's `run` directly instead of waiting.
 */
import type { Deps } from './modules/deps.js';

export interface Job {
  name: string;
  everyMs: number;
  run(deps: Deps): Promise<void>;
}

export interface JobLog {
  error(details: object, message: string): void;
}

export interface RunningJobs {
  stop(): Promise<void>;
}

export function startJobs(deps: Deps, jobs: readonly Job[], log: JobLog): RunningJobs {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  let stopped = false;
  for (const job of jobs) {
    let busy = false;
    const tick = () => {
      if (busy || stopped) return;
      busy = true;
      const run = job.run(deps)
        .catch((err: unknown) => log.error({ err, job: job.name }, `job ${job.name} failed`))
        .finally(() => { busy = false; running.delete(run); });
      running.add(run);
    };
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    timers.push(timer);
    setImmediate(tick);
  }
  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await Promise.all(running);
    },
  };
}
