/** Progress output: a bar redrawn in place on a terminal, a line per tenth of the file elsewhere. */
import { describe, expect, it } from 'vitest';
import { createProgress } from './progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 120, write: (s: string) => { writes.push(s); return true; } } as unknown as NodeJS.WritableStream & { isTTY: boolean } };
}

describe('progress', () => {
  it('on a terminal: one line redrawn with \\r, showing percent, rows, rate and ETA; the last line ends it', () => {
    let now = 0;
    const { writes, stream } = fakeStream(true);
    const progress = createProgress({ totalBytes: 1000, stream, label: 'importing', now: () => now });
    now = 2000;
    progress.update({ rows: 500, bytes: 250 });
    now = 2050; // within the redraw interval: not drawn
    progress.update({ rows: 510, bytes: 255 });
    now = 4000;
    progress.update({ rows: 1000, bytes: 500 });
    progress.finish();
    expect(writes).toHaveLength(3);
    expect(writes[0]).toMatch(/^\rimporting \[█+░+\] 25% · 500 rows · 250 rows\/s · ETA 0:06\x1b\[K$/);
    expect(writes[1]).toMatch(/ 50% · 1,000 rows · 250 rows\/s · ETA 0:04/);
    expect(writes[2]).toBe('\rimporting: 100% · 1,000 rows · 250 rows/s\x1b[K\n');
  });

  it('elsewhere: a plain line at each tenth of the file, none redrawn', () => {
    let now = 0;
    const { writes, stream } = fakeStream(false);
    const progress = createProgress({ totalBytes: 1000, stream, label: 'importing', now: () => now });
    for (let bytes = 10; bytes <= 1000; bytes += 10) {
      now += 10;
      progress.update({ rows: bytes / 10, bytes });
    }
    progress.finish();
    expect(writes).toHaveLength(10);
    expect(writes.every((w) => w.endsWith('\n') && !w.includes('\r'))).toBe(true);
    expect(writes[0]).toBe('importing: 10% · 10 rows · 100 rows/s · ETA 0:01\n');
    expect(writes[9]).toBe('importing: 100% · 100 rows · 100 rows/s\n');
  });
});
