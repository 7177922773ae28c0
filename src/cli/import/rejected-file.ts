/**
 * `<file>.rejected.csv`: every rejected row as it was in the file, after two columns `Line` (its
 * line in the original file) and `Reason`. Line and Reason come first so a row with a wrong field
 * count still lines up. The import ignores both columns, so the fixed file can be imported as is.
 * Opened on the first rejection; a run with none removes the file an earlier run left.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { stringify, type Stringifier } from 'csv-stringify';
import { REJECTION_COLUMNS } from './order-rows.js';

export interface RejectedFile {
  readonly path: string;
  readonly count: number;
  write(line: number, reason: string, fields: string[]): Promise<void>;
  /** Flushes and closes; returns the path when any row was written, else removes a stale file and returns null. */
  close(): Promise<string | null>;
}

export function rejectedFile(path: string, header: () => string[]): RejectedFile {
  let out: { csv: Stringifier; done: Promise<unknown> } | null = null;
  let count = 0;
  const open = () => {
    const csv = stringify();
    const file = createWriteStream(path);
    csv.pipe(file);
    csv.write([...REJECTION_COLUMNS, ...header()]);
    return { csv, done: once(file, 'finish') };
  };
  return {
    path,
    get count() { return count; },
    async write(line, reason, fields) {
      out ??= open();
      count++;
      if (!out.csv.write([String(line), reason, ...fields])) await once(out.csv, 'drain');
    },
    async close() {
      if (!out) {
        await rm(path, { force: true });
        return null;
      }
      out.csv.end();
      await out.done;
      return path;
    },
  };
}
