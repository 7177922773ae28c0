/** Orders: search with packing status; one order's lines (ordered / packed / outstanding) and its consignments. */
import { useState } from 'react';
import { call, filled } from './api';
import type { Order, OrderConsignments, OrderSummary } from './types';
import { Chip, ErrorMessage, Link, navigate, useLoad, when } from './ui';

const PAGE = 50;

export function OrderList() {
  const [form, setForm] = useState({ searchTerm: '', sku: '', packingStatus: '', fromDate: '', toDate: '' });
  const [filters, setFilters] = useState(form);
  const [skip, setSkip] = useState(0);
  const { data, error, loading } = useLoad(() => call<{ Count: number; OrderSummaries: OrderSummary[] }>((api) => api.GET('/orders/{take}/{skip}', { params: { path: { take: String(PAGE), skip: String(skip) }, query: filled(filters) } })), [filters, skip]);
  const field = (name: keyof typeof form) => ({ id: `f-${name}`, value: form[name], onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }) });
  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">Orders</h1>
      <form className="filters" onSubmit={(e) => { e.preventDefault(); setSkip(0); setFilters(form); }}>
        <div><label htmlFor="f-searchTerm">Order or customer reference</label><input {...field('searchTerm')} type="search" /></div>
        <div><label htmlFor="f-sku">SKU</label><input {...field('sku')} /></div>
        <div><label htmlFor="f-packingStatus">Packing status</label>
          <select {...field('packingStatus')}>
            <option value="">Any</option><option value="Unpacked">Unpacked</option><option value="PartiallyPacked">Partly packed</option>
            <option value="Packed">Packed</option><option value="OverPacked">Over-packed</option>
          </select></div>
        <div><label htmlFor="f-fromDate">Created from</label><input {...field('fromDate')} type="date" /></div>
        <div><label htmlFor="f-toDate">Created to</label><input {...field('toDate')} type="date" /></div>
        <button type="submit" className="primary">Search</button>
      </form>
      <ErrorMessage error={error} />
      {loading && !data && <p className="muted" role="status">Loading orders…</p>}
      {data && data.Count === 0 && <p className="muted">No orders match.</p>}
      {data && data.Count > 0 && (
        <div className="table-wrap">
          <table>
            <thead><tr><th scope="col">Order</th><th scope="col">Customer ref</th><th scope="col">Created</th><th scope="col">Ship to</th><th scope="col">Units left</th><th scope="col">Status</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {data.OrderSummaries.map((o) => (
                <tr key={o.OrderReference}>
                  <td><Link to={`/orders/${o.OrderReference}`}>{o.OrderReference}</Link></td>
                  <td>{o.OrderReferenceProvidedByCustomer ?? '—'}</td>
                  <td>{when(o.DateCreated)}</td>
                  <td>{[o.DestinationName, o.DestinationPostcode].filter(Boolean).join(', ') || '—'}</td>
                  <td className="num">{o.UnitsOutstanding} of {o.Units}</td>
                  <td><Chip value={o.PackingStatus} /></td>
                  <td>{o.UnitsOutstanding > 0 && <button type="button" onClick={() => navigate(`/station/${o.OrderReference}`)}>Pack</button>}</td>
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

export function Pager({ count, skip, page, onSkip }: { count: number; skip: number; page: number; onSkip: (n: number) => void }) {
  if (count <= page) return <p className="muted">{count} found</p>;
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" disabled={skip === 0} onClick={() => onSkip(Math.max(0, skip - page))}>Previous</button>
      <span>{skip + 1}–{Math.min(count, skip + page)} of {count}</span>
      <button type="button" disabled={skip + page >= count} onClick={() => onSkip(skip + page)}>Next</button>
    </nav>
  );
}

export function OrderDetail({ reference }: { reference: string }) {
  const order = useLoad(() => call<Order>((api) => api.GET('/orders/{orderReference}', { params: { path: { orderReference: reference } } })), [reference]);
  const cut = useLoad(() => call<OrderConsignments>((api) => api.GET('/orders/{orderReference}/consignments', { params: { path: { orderReference: reference } } })), [reference]);
  const o = order.data;
  const lines = o?.Packages.flatMap((p) => p.Items) ?? [];
  const left = lines.reduce((n, l) => n + l.QuantityOutstanding, 0);
  return (
    <section aria-labelledby="order-title">
      <p><Link to="/orders">← Orders</Link></p>
      <ErrorMessage error={order.error} />
      {o && (
        <>
          <div className="heading-row">
            <h1 id="order-title">{o.OrderReference} <Chip value={o.PackingStatus} /></h1>
            {left > 0 && <button type="button" className="primary" onClick={() => navigate(`/station/${o.OrderReference}`)}>Pack this order</button>}
          </div>
          <p className="muted">Customer reference {o.OrderReferenceProvidedByCustomer ?? '—'} · created {when(o.DateCreated)} · ships {when(o.ShippingDate)}</p>
          {o.PackingStatus === 'OverPacked' && (
            <div className="notice notice-amber" role="status">⚠ More units are packed than ordered. Check the consignments below.</div>
          )}
          <div className="table-wrap">
            <table>
              <thead><tr><th scope="col">SKU</th><th scope="col">Description</th><th scope="col" className="num">Ordered</th><th scope="col" className="num">Packed</th><th scope="col" className="num">Outstanding</th></tr></thead>
              <tbody>
                {lines.map((l) => (
                  <tr key={l.Reference}>
                    <td>{l.Sku ?? l.ItemReferenceProvidedByCustomer ?? l.Reference}</td>
                    <td>{l.Description ?? '—'}</td>
                    <td className="num">{l.Quantity}</td>
                    <td className="num">{l.QuantityPacked}</td>
                    <td className="num strong">{l.QuantityOutstanding}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>Consignments cut from this order</h2>
          <ErrorMessage error={cut.error} />
          {cut.data && cut.data.Consignments.length === 0 && <p className="muted">None yet.</p>}
          {cut.data && cut.data.Consignments.length > 0 && (
            <ul className="plain">
              {cut.data.Consignments.map((c) => (
                <li key={c.ConsignmentReference}>
                  <Link to={`/consignments/${c.ConsignmentReference}`}>{c.ConsignmentReference}</Link> <Chip value={c.ConsignmentState} />
                  {c.IsReturn && <span className="muted"> return</span>} <span className="muted">{when(c.DateCreated)}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
