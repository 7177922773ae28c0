/**
 * The station's tones (PACKING-STATION.md §5), synthesised with Web Audio so they differ from the
 * scanner's own beep. Browsers keep audio suspended until a click: sign-in calls `unlockSound`.
 */
let ctx: AudioContext | null = null;

export function unlockSound(): void {
  try {
    ctx ??= new AudioContext();
    void ctx.resume();
  } catch {
    ctx = null; // no audio here: banners and words still say everything
  }
}

export type Tone = 'ok' | 'done' | 'warn' | 'stop';
const NOTES: Record<Tone, Array<[hz: number, ms: number]>> = {
  ok: [[1320, 70]],
  done: [[1320, 70], [1760, 140]],
  warn: [[660, 90], [660, 90]],
  stop: [[180, 180], [180, 180]],
};

export function play(tone: Tone): void {
  if (!ctx || ctx.state !== 'running') return;
  let at = ctx.currentTime;
  for (const [hz, ms] of NOTES[tone]) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = hz;
    osc.type = tone === 'stop' ? 'square' : 'sine';
    gain.gain.value = 0.08;
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + ms / 1000);
    at += (ms + 60) / 1000;
  }
}
