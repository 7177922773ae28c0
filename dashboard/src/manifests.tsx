/** Manifests: what is ready to ship, per shipping location and carrier; manifest a group; past manifests. */
import { useState } from 'react';
import { call, filled, newIdempotencyKey } from './api';
import type { ConsignmentSummary, WithMessage } from './types';
import { Chip, ErrorMessage, Link, pdfUrl, useLoad, when } from './ui';

const READY = 'Allocated,ReadyToShip,ManifestFailed';

interface Group { location: string; carrier: string; consignments: ConsignmentSummary[] }
interface ManifestRecord { ManifestReference: string; ManifestFileName: string; ShippingLocationReference: string | null; Created: string; CarrierName: string; BookingsCount: number }

async function readyGroups(): Promise<Group[]> {
  const locations = await call<Array<{ Reference: string }>>((api) => api.GET('/shippinglocations'));
  const groups: Group[] = [];
  for (const l of locations) {
    const found = await call<{ ConsignmentSummaries: ConsignmentSummary[] }>((api) => api.GET('/consignments/{take}/{skip}', { params: { path: { take: '1000', skip: '0' }, query: filled({ state: READY, shippingLocationReference: l.Reference }) } }));
    const byCarrier = new Map<string, ConsignmentSummary[]>();
    for (const c of found.ConsignmentSummaries) byCarrier.set(c.MpdCarrierReference ?? '—', [...(byCarrier.get(c.MpdCarrierReference ?? '—') ?? []), c]);
    for (const [carrier, consignments] of byCarrier) groups.push({ location: l.Reference, carrier, consignments });
  }
  return groups;
}

export function Manifests() {
  const ready = useLoad(readyGroups, []);
  const past = useLoad(() => call<ManifestRecord[]>((api) => api.GET('/consignments/customer/manifests')), []);
  const [busy, setBusy] = useState<string | null>(null);
  const [results, setResults] = useState<WithMessage[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const manifest = async (g: Group, only?: string[]) => {
    if (busy) return;
    const id = `${g.location}/${g.carrier}`;
    setBusy(id);
    setError(null);
    try {
      const refs = only ?? g.consignments.map((c) => c.Reference);
      setResults(await call<WithMessage[]>((api) => api.PUT('/consignments/manifest', { body: { ConsignmentReferences: refs }, headers: { 'idempotency-key': newIdempotencyKey() } })));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
      ready.reload();
      past.reload();
    }
  };
  const openPdf = async (m: ManifestRecord) => {
    const tab = window.open('', '_blank'); // opened inside the click, or the popup blocker wins
    try {
      const file = await call<string>((api) => api.GET('/consignments/customer/manifest/{manifestReference}', { params: { path: { manifestReference: m.ManifestReference } } }));
      if (tab) tab.location.href = pdfUrl(file);
    } catch (e) {
      tab?.close();
      setError(e);
    }
  };
  const failed = results?.filter((r) => !r.IsSuccess) ?? [];
  return (
    <section aria-labelledby="manifests-title">
      <h1 id="manifests-title">Manifests</h1>
      <h2>Ready to ship</h2>
      <ErrorMessage error={ready.error ?? error} />
      {ready.loading && !ready.data && <p className="muted" role="status">Loading…</p>}
      {ready.data?.length === 0 && <p className="muted">Nothing is waiting to be manifested.</p>}
      <div className="cards">
        {ready.data?.map((g) => {
          const unprinted = g.consignments.filter((c) => !c.LabelsPrinted).length;
          const id = `${g.location}/${g.carrier}`;
          return (
            <article key={id} className="panel" aria-label={`${g.location}, ${g.carrier}`}>
              <h3>{g.location} · {g.carrier}</h3>
              <p>{g.consignments.length} consignment(s){unprinted > 0 && <strong> · {unprinted} label(s) not printed</strong>}</p>
              <ul className="plain small">
                {g.consignments.slice(0, 8).map((c) => <li key={c.Reference}><Link to={`/consignments/${c.Reference}`}>{c.Reference}</Link> <Chip value={c.State} /></li>)}
                {g.consignments.length > 8 && <li className="muted">and {g.consignments.length - 8} more</li>}
              </ul>
              <button type="button" className="primary" disabled={busy !== null} onClick={() => manifest(g)}>{busy === id ? 'Manifesting…' : `Manifest ${g.consignments.length}`}</button>
            </article>
          );
        })}
      </div>
      {results && (
        <div className={`notice ${failed.length ? 'notice-amber' : 'notice-green'}`} role="status">
          {failed.length === 0 ? `✓ ${results.length} consignment(s) manifested.` : `⚠ ${results.length - failed.length} manifested, ${failed.length} not:`}
          {failed.length > 0 && <ul>{failed.map((f) => <li key={f.Data}>{f.Data}: {f.Message}</li>)}</ul>}
        </div>
      )}
      <h2>Manifests sent</h2>
      <ErrorMessage error={past.error} />
      {past.data?.length === 0 && <p className="muted">No manifests yet.</p>}
      {past.data && past.data.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead><tr><th scope="col">Created</th><th scope="col">Location</th><th scope="col">Carrier</th><th scope="col" className="num">Consignments</th><th scope="col">File</th></tr></thead>
            <tbody>
              {past.data.map((m) => (
                <tr key={m.ManifestReference}>
                  <td>{when(m.Created)}</td><td>{m.ShippingLocationReference ?? '—'}</td><td>{m.CarrierName}</td><td className="num">{m.BookingsCount}</td>
                  <td><button type="button" className="link" onClick={() => openPdf(m)}>{m.ManifestFileName}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
