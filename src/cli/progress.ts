/**
 * Progress of a long command on stderr: on a terminal, one bar redrawn in place (`\r`) with rows,
 * rate and ETA; otherwise (a pipe, a log file, CI) a plain line at every tenth of the work, so logs
 * stay short and readable. The fraction done is measured in bytes of the input: rows are counted
 * as they stream and their total is unknown until the end.
 */
export interface Progress {
  update(state: { rows: number; bytes: number }): void;
  finish(): void;
}

export interface ProgressOptions {
  totalBytes: number;
  /** Where to draw; `isTTY` chooses the bar or plain lines. */
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  label: string;
  now?: () => number;
}

const REDRAW_MS = 100;

export function createProgress({ totalBytes, stream, label, now = Date.now }: ProgressOptions): Progress {
  const started = now();
  let lastDraw = 0;
  let lastTenth = 0;
  let last = { rows: 0, bytes: 0 };

  const describe = ({ rows, bytes }: { rows: number; bytes: number }) => {
    const seconds = Math.max((now() - started) / 1000, 0.001);
    const fraction = totalBytes > 0 ? Math.min(bytes / totalBytes, 1) : 1;
    const rate = rows / seconds;
    const eta = fraction > 0 && fraction < 1 ? (seconds / fraction) * (1 - fraction) : 0;
    return { fraction, text: `${Math.floor(fraction * 100)}% · ${rows.toLocaleString('en-GB')} rows · ${Math.round(rate).toLocaleString('en-GB')} rows/s · ETA ${clock(eta)}` };
  };

  return {
    update(state) {
      last = state;
      if (stream.isTTY) {
        const t = now();
        if (t - lastDraw < REDRAW_MS) return;
        lastDraw = t;
        const { fraction, text } = describe(state);
        const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - text.length - label.length - 6));
        const filled = Math.round(fraction * width);
        stream.write(`\r${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${text}\x1b[K`);
        return;
      }
      const { fraction, text } = describe(state);
      const tenth = Math.floor(fraction * 10);
      if (tenth > lastTenth && tenth < 10) {
        lastTenth = tenth;
        stream.write(`${label}: ${text}\n`);
      }
    },
    finish() {
      const { text } = describe({ ...last, bytes: totalBytes });
      stream.write(stream.isTTY ? `\r${label}: ${text.replace(/ · ETA .*$/, '')}\x1b[K\n` : `${label}: ${text.replace(/ · ETA .*$/, '')}\n`);
    },
  };
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}
