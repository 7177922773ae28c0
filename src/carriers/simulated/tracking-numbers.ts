/**
 * Tracking numbers of the simulated carriers, derived from Packline's own references so they are
 * deterministic (the same consignment always gets the same numbers) and unique (references are).
 */

const base36 = (reference: string): number => Number.parseInt(reference.slice(3).replaceAll('-', ''), 36);

/** UPU S10 check digit over 8 serial digits (weights 8 6 4 2 3 5 9 7; 10 → 0, 11 → 5). */
export function s10CheckDigit(serial: string): number {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = [...serial].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}

/** SIMPOST parcel number: S10 shape `SP` + 8 digits + check digit + `GB`, e.g. SP000001237GB. */
export function simPostNumber(packageReference: string): string {
  const serial = String(base36(packageReference) % 100_000_000).padStart(8, '0');
  return `SP${serial}${s10CheckDigit(serial)}GB`;
}

/** SIMCOURIER parcel number: `SC` + 14 digits (the package reference's number). */
export function simCourierParcelNumber(packageReference: string): string {
  return `SC${String(base36(packageReference)).padStart(14, '0')}`;
}

/** SIMCOURIER consignment (waybill) number: `SCW` + 12 digits. */
export function simCourierWaybill(consignmentReference: string): string {
  return `SCW${String(base36(consignmentReference) % 1_000_000_000_000).padStart(12, '0')}`;
}

export function isSimPostNumber(text: string): boolean {
  const m = /^SP(\d{8})(\d)GB$/.exec(text);
  return m !== null && s10CheckDigit(m[1]!) === Number(m[2]);
}
