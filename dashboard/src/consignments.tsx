/** Consignments: search by state and date; one consignment's packages, allocation, label, tracking, audit and actions. */
import { useState } from 'react';
import { call, filled, newIdempotencyKey } from './api';
import { Pager } from './orders';
import type { Consignment, ConsignmentSummary } from './types';
import { Chip, ErrorMessage, Link, pdfUrl, spaced, useLoad, when } from './ui';

const PAGE = 50;
const STATES = ['Unallocated', 'AllocationFailed', 'Allocated', 'ReadyToShip', 'Manifested', 'ManifestFailed', 'Dispatched', 'Delivered', 'Cancelled'];

export function ConsignmentList() {
  const [form, setForm] = useState({ searchTerm: '', state: '', createdDateFrom: '', createdDateTo: '' });
  const [filters, setFilters] = useState(form);
  const [skip, setSkip] = useState(0);
  const { data, error, loading } = useLoad(() => call<{ Count: number; ConsignmentSummaries: ConsignmentSummary[] }>((api) => api.GET('/consignments/{take}/{skip}', { params: { path: { take: String(PAGE), skip: String(skip) }, query: filled(filters) } })), [filters, skip]);
  const field = (name: keyof typeof form) => ({ id: `c-${name}`, value: form[name], onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }) });
  return (
    <section aria-labelledby="consignments-title">
      <h1 id="consignments-title">Consignments</h1>
      <form className="filters" onSubmit={(e) => { e.preventDefault(); setSkip(0); setFilters(form); }}>
        <div><label htmlFor="c-searchTerm">Reference, tracking or postcode</label><input {...field('searchTerm')} type="search" /></div>
        <div><label htmlFor="c-state">State</label>
          <select {...field('state')}><option value="">Any</option>{STATES.map((s) => <option key={s} value={s}>{spaced(s)}</option>)}</select></div>
        <div><label htmlFor="c-createdDateFrom">Created from</label><input {...field('createdDateFrom')} type="date" /></div>
        <div><label htmlFor="c-createdDateTo">Created to</label><input {...field('createdDateTo')} type="date" /></div>
        <button type="submit" className="primary">Search</button>
      </form>
      <ErrorMessage error={error} />
      {loading && !data && <p className="muted" role="status">Loading consignments…</p>}
      {data && data.Count === 0 && <p className="muted">No consignments match.</p>}
      {data && data.Count > 0 && (
        <div className="table-wrap">
          <table>
            <thead><tr><th scope="col">Consignment</th><th scope="col">Your ref</th><th scope="col">Created</th><th scope="col">Carrier service</th><th scope="col">Ship to</th><th scope="col">Label</th><th scope="col">State</th></tr></thead>
            <tbody>
              {data.ConsignmentSummaries.map((c) => (
                <tr key={c.Reference}>
                  <td><Link to={`/consignments/${c.Reference}`}>{c.Reference}</Link></td>
                  <td>{c.ConsignmentReferenceProvidedByCustomer || '—'}</td>
                  <td>{when(c.DateCreated)}</td>
                  <td>{c.MpdCarrierServiceName ?? '—'}</td>
                  <td>{[c.DestinationAddressTown, c.DestinationAddressPostcode].filter(Boolean).join(', ') || '—'}</td>
                  <td>{c.LabelsPrinted ? 'Printed' : '—'}</td>
                  <td><Chip value={c.State} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && <Pager count={data.Count} skip={skip} page={PAGE} onSkip={setSkip} />}
    </section>
  );
}

/** What each state allows (spec §4.12, mirrored from the server's matrix): the server still decides. */
const ALLOWED: Record<string, string[]> = {
  Unallocated: ['Allocate', 'Cancel'],
  AllocationFailed: ['Allocate', 'Cancel'],
  Allocated: ['Deallocate', 'Labels', 'Manifest', 'SetReadyToShip', 'Cancel'],
  ReadyToShip: ['Labels', 'Manifest', 'SetNotReadyToShip'],
  ManifestFailed: ['Deallocate', 'Labels', 'Manifest', 'Cancel'],
  Manifested: ['Deallocate', 'Labels', 'Dispatch', 'Cancel'],
  Cancelled: [],
};
const TRANSIENT = new Set(['Allocating', 'Manifesting', 'Cancelling']);
const allowedIn = (state: string) => (TRANSIENT.has(state) ? [] : ALLOWED[state] ?? ['Labels']);

type Action = { name: string; label: string; run: (ref: string, key: string) => Promise<unknown> };
const one = (ref: string) => ({ ConsignmentReferences: [ref] });
const idem = (key: string) => ({ 'idempotency-key': key });
/** Bulk endpoints answer 200 with a per-item outcome: a refusal there is still a refusal. */
const checked = async (answer: Promise<unknown>) => {
  const r = await answer;
  const first = Array.isArray(r) ? r[0] : undefined;
  if (first && first.IsSuccess === false) throw new Error(first.Message);
  if (first && typeof first.Status === 'string' && first.HttpStatusCode >= 400) throw new Error(first.Message ?? first.Status);
  return r;
};
const ACTIONS: Action[] = [
  { name: 'Allocate', label: 'Allocate (cheapest)', run: (ref, key) => call((api) => api.PUT('/allocation/{consignmentReference}/allocatewithcheapestquote', { params: { path: { consignmentReference: ref } }, headers: idem(key) })) },
  { name: 'SetReadyToShip', label: 'Ready to ship', run: (ref, key) => checked(call((api) => api.PUT('/consignments/setreadytoship', { body: [ref], headers: idem(key) }))) },
  { name: 'SetNotReadyToShip', label: 'Not ready to ship', run: (ref, key) => checked(call((api) => api.PUT('/consignments/setnotreadytoship', { body: [ref], headers: idem(key) }))) },
  { name: 'Manifest', label: 'Manifest', run: (ref, key) => checked(call((api) => api.PUT('/consignments/manifest', { body: one(ref), headers: idem(key) }))) },
  { name: 'Dispatch', label: 'Dispatch', run: (ref, key) => checked(call((api) => api.PUT('/consignments/Dispatch', { body: one(ref), headers: idem(key) }))) },
  { name: 'Deallocate', label: 'Deallocate', run: (ref, key) => call((api) => api.PUT('/consignments/{consignmentReference}/deallocate', { params: { path: { consignmentReference: ref } }, headers: idem(key) })) },
  { name: 'Cancel', label: 'Cancel', run: (ref, key) => call((api) => api.PUT('/consignments/{consignmentReference}/cancel', { params: { path: { consignmentReference: ref } }, headers: idem(key) })) },
];

interface TrackingView { TrackedPackages: Array<{ PackageReferenceForAllLegsAssignedByMpd: string; Legs: Array<{ CarrierServiceName: string; Events: Array<{ TimeStamp: string; Code: string; Description: string | null }> }> }> }
interface AuditEntry { Id: number; Timestamp: string; Message: string; Username: string | null; Details: { Action: string } }

export function ConsignmentDetail({ reference }: { reference: string }) {
  const c = useLoad(() => call<Consignment>((api) => api.GET('/consignments/{consignmentReference}', { params: { path: { consignmentReference: reference } } })), [reference]);
  const tracking = useLoad(() => call<TrackingView>((api) => api.GET('/tracking/{consignmentReference}', { params: { path: { consignmentReference: reference } } })), [reference, c.data?.ConsignmentState]);
  const audit = useLoad(() => call<AuditEntry[]>((api) => api.GET('/consignments/{consignmentReference}/audit', { params: { path: { consignmentReference: reference } } })), [reference, c.data?.ConsignmentState]);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [label, setLabel] = useState<string | null>(null);
  const d = c.data;
  const allowed = d ? allowedIn(d.ConsignmentState) : [];
  const act = async (a: Action) => {
    if (busy) return;
    if (a.name === 'Cancel' && !confirm(`Cancel ${reference}? Its units go back to the order.`)) return;
    setBusy(a.name);
    setActionError(null);
    try {
      await a.run(reference, newIdempotencyKey());
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(null);
      c.reload();
    }
  };
  const showLabel = async () => {
    setActionError(null);
    try {
      setLabel(pdfUrl((await call<{ File: string }>((api) => api.GET('/labels/{consignmentReference}/{labelFormat}', { params: { path: { consignmentReference: reference, labelFormat: 'PDF' } } }))).File));
    } catch (e) {
      setActionError(e);
    }
  };
  const reason = (name: string) => (d && TRANSIENT.has(d.ConsignmentState) ? `${spaced(d.ConsignmentState)} — wait for it to finish` : `Not allowed while ${spaced(d?.ConsignmentState ?? '')}`);
  return (
    <section aria-labelledby="consignment-title">
      <p><Link to="/consignments">← Consignments</Link></p>
      <ErrorMessage error={c.error} />
      {d && (
        <>
          <div className="heading-row">
            <h1 id="consignment-title">{d.Reference} <Chip value={d.ConsignmentState} /></h1>
          </div>
          <p className="muted">Your reference {d.ConsignmentReferenceProvidedByCustomer || '—'} · created {when(d.DateCreated)} · ships {when(d.ShippingDate)}
            {d.OrderReference && <> · order <Link to={`/orders/${d.OrderReference}`}>{d.OrderReference}</Link></>}</p>
          <div className="actions" role="group" aria-label="Actions">
            {ACTIONS.map((a) => {
              const ok = allowed.includes(a.name);
              return (
                <button key={a.name} type="button" disabled={!ok || busy !== null} title={ok ? undefined : reason(a.name)} aria-describedby={ok ? undefined : `why-${a.name}`} onClick={() => act(a)}>
                  {busy === a.name ? 'Working…' : a.label}
                  {!ok && <span id={`why-${a.name}`} className="sr-only"> ({reason(a.name)})</span>}
                </button>
              );
            })}
            <button type="button" disabled={!allowed.includes('Labels')} title={allowed.includes('Labels') ? undefined : 'No label until a carrier is allocated'} onClick={showLabel}>Show label</button>
          </div>
          {allowed.length === 0 && <p className="muted">{TRANSIENT.has(d.ConsignmentState) ? `${spaced(d.ConsignmentState)}… this page updates when you reload it.` : 'Nothing more can be done to this consignment.'}</p>}
          <ErrorMessage error={actionError} />
          <div className="columns">
            <div>
              <h2>Allocation</h2>
              {d.Allocation ? (
                <dl className="facts">
                  <dt>Service</dt><dd>{d.Allocation.MpdCarrierServiceName ?? '—'}</dd>
                  <dt>Carrier</dt><dd>{d.Allocation.CarrierName ?? d.Allocation.CarrierReference ?? '—'}</dd>
                  <dt>Allocated</dt><dd>{when(d.Allocation.AllocationDate)}</dd>
                  <dt>Tracking</dt><dd>{d.ConsignmentLegs?.flatMap((l) => l.TrackingReferences ?? []).join(', ') || '—'}</dd>
                  <dt>Label</dt><dd>{d.LabelsPrinted ? `printed ${when(d.DateLabelsWereFirstPrinted)}` : 'not printed yet'}</dd>
                </dl>
              ) : <p className="muted">No carrier yet.</p>}
              <h2>Packages</h2>
              <ol className="boxes">
                {d.Packages.map((p, i) => (
                  <li key={p.Reference}>
                    <strong>Box {i + 1}</strong> <span className="muted">{p.Reference}{p.PackageSizeReference ? ` · size ${p.PackageSizeReference}` : ''}{p.Weight ? ` · ${p.Weight.Value} ${p.Weight.Unit}` : ''}</span>
                    <ul>{p.Items.map((it, j) => <li key={j}>{it.Quantity} × {it.Sku ?? ''} {it.Description ?? ''}</li>)}</ul>
                  </li>
                ))}
              </ol>
            </div>
            <div>
              <h2>Tracking</h2>
              <ErrorMessage error={tracking.error} />
              {tracking.data && <Timeline view={tracking.data} />}
              <h2>Audit trail</h2>
              <ErrorMessage error={audit.error} />
              <ol className="timeline">
                {audit.data?.map((a) => <li key={a.Id}><time>{when(a.Timestamp)}</time> {a.Message} {a.Username && <span className="muted">— {a.Username}</span>}</li>)}
              </ol>
            </div>
          </div>
          {label && (
            <div className="label-preview">
              <h2>Label</h2>
              <iframe title={`Label for ${d.Reference}`} src={label} />
              <p><a href={label} target="_blank" rel="noreferrer">Open label in a new tab</a></p>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function Timeline({ view }: { view: TrackingView }) {
  const events = view.TrackedPackages.flatMap((p, i) => p.Legs.flatMap((l) => l.Events.map((e) => ({ ...e, box: i + 1, leg: l.CarrierServiceName }))))
    .sort((a, b) => (a.TimeStamp < b.TimeStamp ? -1 : 1));
  if (events.length === 0) return <p className="muted">No tracking events yet.</p>;
  return (
    <ol className="timeline">
      {events.map((e, i) => <li key={i}><time>{when(e.TimeStamp)}</time> <strong>{spaced(e.Code)}</strong> {e.Description ?? ''} <span className="muted">box {e.box}</span></li>)}
    </ol>
  );
}
