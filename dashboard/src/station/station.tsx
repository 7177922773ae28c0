/**
 * The packing station (PACKING-STATION.md): keyboard-first. A scanner types a code and Enter into
 * the scan field; a scan is matched against the order already loaded, so it never waits for the
 * network. The server is called to load, suggest a box, pack, allocate and print.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, call, filled, newIdempotencyKey } from '../api';
import type { Consignment, Order, OrderSummary, PackageSize, Suggestion } from '../types';
import { Link, pdfUrl } from '../ui';
import {
  addUnits, boxUnits, boxWeightKg, closeBox, type Draft, inBoxes, itemName, left, lines, loadDraft, openBox, packBody,
  removeUnit, reopenBox, resolveScan, saveDraft, setSize, unitsLeft,
} from './draft';
import { play, type Tone } from './sound';

interface Banner { tone: Tone | 'info'; text: string }
const WORD: Record<Banner['tone'], string> = { ok: '✓ OK', done: '✓ OK', warn: '⚠ CHECK', stop: '✕ STOP', info: '' };
interface LogEntry { at: string; code: string; tone: Banner['tone']; text: string }

export function PackingStation({ initialOrder }: { initialOrder?: string }) {
  const [draft, setDraftState] = useState<Draft | null>(() => loadDraft());
  const [sizes, setSizes] = useState<PackageSize[]>([]);
  const [banner, setBanner] = useState<Banner>({ tone: 'info', text: draft ? `Restored ${draft.order.OrderReference}. Carry on scanning.` : 'Scan an order to start.' });
  const [log, setLog] = useState<LogEntry[]>([]);
  const [suggested, setSuggested] = useState<string | null>(null);
  const [phase, setPhase] = useState<'idle' | 'confirm' | 'packing' | 'labelling'>('idle');
  const [label, setLabel] = useState<{ pdf: string; pngs: Array<{ src: string; alt: string }> } | null>(null);
  const [removeMode, setRemoveMode] = useState(false);
  const [quantity, setQuantity] = useState(1);
  const scanField = useRef<HTMLInputElement>(null);
  /** Set synchronously before any await: a second click in the same tick finds it set (§7). */
  const packLock = useRef(false);
  const suggestSeq = useRef(0);
  /** A failed allocation may be retried after a supervisor fixes the cause: a new attempt, a new key. */
  const allocateAttempt = useRef(0);

  const setDraft = useCallback((d: Draft | null) => {
    saveDraft(d);
    setDraftState(d);
  }, []);
  const say = useCallback((tone: Banner['tone'], text: string, code = '') => {
    setBanner({ tone, text });
    if (tone !== 'info') play(tone);
    setLog((l) => [{ at: new Date().toLocaleTimeString(), code, tone, text }, ...l].slice(0, 50));
  }, []);
  const focusScan = () => setTimeout(() => scanField.current?.focus(), 0);

  useEffect(() => {
    call<PackageSize[]>((api) => api.GET('/packagesizes')).then(setSizes, () => setSizes([]));
  }, []);

  const loadOrder = useCallback(async (reference: string, code = reference) => {
    try {
      const order = await call<Order>((api) => api.GET('/orders/{orderReference}', { params: { path: { orderReference: reference } } }));
      const d: Draft = { order, boxes: [], attempt: null, consignment: null, labelled: false };
      setDraft(d);
      setLabel(null);
      setPhase('idle');
      const units = unitsLeft(d);
      if (units === 0) say('warn', `${order.OrderReference} is already packed. Scan the next order.`, code);
      else say('ok', `${order.OrderReference} loaded: ${units} unit(s) to pack. Scan the items.`, code);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'OrderNotFound') say('stop', `No order ${reference}. Check the packing slip or type the number.`, code);
      else say('stop', e instanceof ApiError ? e.words : String(e), code);
    }
  }, [say, setDraft]);

  useEffect(() => {
    if (initialOrder && initialOrder !== draft?.order.OrderReference) void loadOrder(initialOrder);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initialOrder]);

  // The box suggestion for what is in the open box, else for everything left; stale answers dropped.
  useEffect(() => {
    if (!draft || draft.consignment) return;
    const i = openBox(draft);
    const box = i >= 0 ? draft.boxes[i]! : null;
    const wanted = box && boxUnits(box) > 0
      ? Object.entries(box.items).map(([Reference, Quantity]) => ({ Reference, Quantity }))
      : lines(draft.order).filter((l) => left(draft, l) > 0).map((l) => ({ Reference: l.Reference, Quantity: left(draft, l) }));
    if (wanted.length === 0) return;
    const seq = ++suggestSeq.current;
    const timer = setTimeout(() => {
      call<Suggestion>((api) => api.POST('/orders/{orderReference}/pack/suggest', { params: { path: { orderReference: draft.order.OrderReference } }, body: { Items: wanted } })).then(
        (s) => seq === suggestSeq.current && setSuggested(s.Packages[0]?.PackageSizeReference ?? null),
        () => seq === suggestSeq.current && setSuggested(null),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [draft]);

  const pack = async () => {
    if (!draft || packLock.current || draft.consignment) return;
    packLock.current = true;
    setPhase('packing');
    try {
      let d = closeBox(draft, suggested);
      if (d.boxes.length === 0) {
        say('warn', 'Nothing is in a box yet. Scan the items first.');
        setPhase('idle');
        return;
      }
      // Re-read the order: another station may have packed some of it meanwhile (§7).
      const fresh = await call<Order>((api) => api.GET('/orders/{orderReference}', { params: { path: { orderReference: d.order.OrderReference } } }));
      d = { ...d, order: fresh };
      const body = packBody(d, sizes);
      // The same boxes keep the same key; any change after a failed attempt gets a new one.
      const attempt = draft.attempt && JSON.stringify(draft.attempt.body) === JSON.stringify(body) ? draft.attempt : { key: newIdempotencyKey(), body };
      d = { ...d, attempt };
      setDraft(d);
      const result = await call<{ Results: Array<{ Data: string }> }>((api) => api.POST('/orders/{orderReference}/pack', {
        params: { path: { orderReference: d.order.OrderReference } },
        body,
        headers: { 'idempotency-key': attempt.key, 'packline-strict-quantities': 'true' },
      }));
      const consignment = result.Results[0]!.Data;
      setDraft({ ...d, consignment });
      say('done', `Packed as ${consignment}. Allocate and print the label (Alt+L).`);
    } catch (e) {
      say('stop', e instanceof ApiError ? `${e.words}${e.field ? ` (${e.field})` : ''}` : String(e));
    } finally {
      packLock.current = false;
      setPhase('idle');
      focusScan();
    }
  };

  const allocateAndPrint = async () => {
    if (!draft?.consignment || phase === 'labelling') return;
    const ref = draft.consignment;
    setPhase('labelling');
    try {
      try {
        await call((api) => api.PUT('/allocation/{consignmentReference}/allocatewithcheapestquote', {
          params: { path: { consignmentReference: ref } },
          headers: { 'idempotency-key': `${ref}-allocate-${allocateAttempt.current}` },
        }));
      } catch (e) {
        // Already allocated (a retry, or another screen): print its label anyway.
        if (!(e instanceof ApiError && e.code === 'InvalidConsignmentState')) throw e;
      }
      const pdf = pdfUrl((await call<{ File: string }>((api) => api.GET('/labels/{consignmentReference}/{labelFormat}', { params: { path: { consignmentReference: ref, labelFormat: 'PDF' } } }))).File);
      const consignment = await call<Consignment>((api) => api.GET('/consignments/{consignmentReference}', { params: { path: { consignmentReference: ref } } }));
      const pngs = await Promise.all(consignment.Packages.slice(0, 4).map(async (p, i) => ({
        src: `data:image/png;base64,${(await call<{ File: string }>((api) => api.GET('/labels/package/{consignmentReference}/{packageReference}/{labelFormat}', { params: { path: { consignmentReference: ref, packageReference: p.Reference, labelFormat: 'PNG' } } }))).File}`,
        alt: `Label ${i + 1} of ${consignment.Packages.length}${p.TrackingReference ? `, tracking ${p.TrackingReference}` : ''}`,
      })));
      setLabel({ pdf, pngs });
      setDraft({ ...draft, labelled: true });
      say('done', `Label ready for ${ref} (${consignment.Allocation?.MpdCarrierServiceName ?? 'carrier'}). Print it, then scan the next order.`);
    } catch (e) {
      allocateAttempt.current += 1;
      say("stop", `Not labelled: ${e instanceof ApiError ? e.words : `${String(e)} ${ref} stays packed.`}`);
    } finally {
      setPhase('idle');
      focusScan();
    }
  };

  const printLabel = () => {
    const frame = document.getElementById('label-frame') as HTMLIFrameElement | null;
    try {
      frame?.contentWindow?.print();
    } catch {
      if (label) window.open(label.pdf, '_blank');
    }
  };

  const undo = () => {
    if (!draft) return;
    const { draft: next, removed } = removeUnit(draft);
    if (!removed) return say('warn', 'The open box is empty: nothing to take out.');
    setDraft(next);
    const line = lines(draft.order).find((l) => l.Reference === removed)!;
    say('warn', `Removed 1 × ${itemName(line)} from Box ${openBox(next) + 1}.`);
  };

  const command = (name: string, arg: string | null, code: string) => {
    if (!draft && name !== 'CANCEL') return say('stop', 'Scan the order first.', code);
    switch (name) {
      case 'CLOSE': {
        const i = openBox(draft!);
        if (i < 0 || boxUnits(draft!.boxes[i]!) === 0) return say('warn', 'No open box with items to close.', code);
        setDraft(closeBox(draft!, suggested));
        return say('ok', `Box ${i + 1} closed. Scan more items for the next box, or pack (Alt+P).`, code);
      }
      case 'NEWBOX': {
        const closed = closeBox(draft!, suggested);
        setDraft({ ...closed, boxes: [...closed.boxes, { size: null, items: {}, closed: false }] });
        return say('ok', `Box ${closed.boxes.length + 1} open.`, code);
      }
      case 'REOPEN': {
        const n = Number(arg);
        if (!(n >= 1 && n <= draft!.boxes.length)) return say('warn', `There is no Box ${arg ?? ''}.`, code);
        setDraft(reopenBox(draft!, n, suggested));
        return say('ok', `Box ${n} is open again.`, code);
      }
      case 'UNDO': return undo();
      case 'REMOVE': setRemoveMode(true); return say('info', 'REMOVE MODE: the next scan takes that item out.', code);
      case 'QTY': {
        const n = Number(arg);
        if (!(n >= 1 && n <= 999)) return say('warn', 'Quantity must be 1 to 999.', code);
        setQuantity(n);
        return say('info', `The next item scan adds ${n}.`, code);
      }
      case 'PACK': return void pack();
      case 'LABEL': return void allocateAndPrint();
      case 'CANCEL': setRemoveMode(false); setQuantity(1); return say('info', 'Cancelled.', code);
      default: return say('stop', `${code} is not a command I know.`, code);
    }
  };

  const handleScan = async (raw: string) => {
    const qty = /^(\d{1,3})\*$/.exec(raw.trim());
    if (qty) return command('QTY', qty[1]!, raw);
    const scan = resolveScan(raw, draft, sizes);
    const code = raw.trim();
    if (phase === 'packing') return say('warn', 'Saving — wait.', code);
    if (scan.kind === 'command') return command(scan.command, scan.arg, code);
    if (scan.kind === 'order') {
      const busy = draft && !draft.consignment && draft.boxes.some((b) => boxUnits(b) > 0);
      if (busy && scan.reference !== draft.order.OrderReference) {
        return say('stop', `Boxes are being filled for ${draft.order.OrderReference}. Pack them, or empty them (Ctrl+Z) before starting another order.`, code);
      }
      return loadOrder(scan.reference, code);
    }
    if (!draft) {
      // Idle: perhaps the customer's own order reference.
      try {
        const found = await call<{ OrderSummaries: OrderSummary[] }>((api) => api.GET('/orders/{take}/{skip}', { params: { path: { take: '10', skip: '0' }, query: filled({ orderReferenceProvidedByCustomer: code }) } }));
        const pick = found.OrderSummaries.find((o) => o.UnitsOutstanding > 0) ?? found.OrderSummaries[0];
        if (pick) return loadOrder(pick.OrderReference, code);
      } catch { /* fall through to "unknown" */ }
      return say('stop', `${code} is not an order. Scan the order first.`, code);
    }
    if (draft.consignment) {
      return say(scan.kind === 'unknown' ? 'stop' : 'warn', `${draft.order.OrderReference} is packed as ${draft.consignment}. Scan the next order.`, code);
    }
    if (scan.kind === 'size') {
      if (!sizes.some((s) => s.Reference === scan.size)) return say('stop', `Box size ${scan.size} is not set up here.`, code);
      setDraft(setSize(draft, scan.size));
      return say('ok', `Box ${Math.max(openBox(draft), draft.boxes.length - (openBox(draft) < 0 ? 0 : 1)) + 1} is size ${scan.size}.`, code);
    }
    if (scan.kind === 'unknown') {
      return say('stop', `${code} is not on ${draft.order.OrderReference}. Do not pack it — put it aside.`, code);
    }
    if (removeMode) {
      setRemoveMode(false);
      const { draft: next, removed } = removeUnit(draft, scan.line.Reference);
      if (!removed) return say('warn', `${itemName(scan.line)} is not in the open box.`, code);
      setDraft(next);
      return say('warn', `Removed 1 × ${itemName(scan.line)} from Box ${openBox(next) + 1}.`, code);
    }
    if (scan.kind === 'allDone') {
      return say('warn', `All ${scan.line.QuantityOutstanding} × ${itemName(scan.line)} are already in boxes. Not added — take one out.`, code);
    }
    const n = quantity;
    setQuantity(1);
    if (n > left(draft, scan.line)) return say('warn', `Only ${left(draft, scan.line)} × ${itemName(scan.line)} left; ${n} not added.`, code);
    const next = addUnits(draft, scan.line, n, suggested);
    setDraft(next);
    const remaining = unitsLeft(next);
    const lineLeft = left(next, scan.line);
    if (remaining === 0) return say('done', `Added ${n} × ${itemName(scan.line)} to Box ${openBox(next) + 1}. Everything scanned — pack (Alt+P).`, code);
    return say('ok', `Added ${n} × ${itemName(scan.line)} to Box ${openBox(next) + 1} — ${lineLeft} left.`, code);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    const field = e.currentTarget;
    if (e.key === 'Enter') {
      e.preventDefault();
      const value = field.value;
      field.value = '';
      if (phase === 'confirm') { setPhase('idle'); void pack(); return; }
      if (value.trim()) void handleScan(value);
      return;
    }
    if (e.key === 'Escape') { field.value = ''; if (phase === 'confirm') setPhase('idle'); command('CANCEL', null, ''); return; }
    if (e.ctrlKey && e.key.toLowerCase() === 'z' && field.value === '') { e.preventDefault(); undo(); return; }
    if (!e.altKey) return;
    const key = e.key.toLowerCase();
    const map: Record<string, () => void> = {
      c: () => command('CLOSE', null, 'Alt+C'),
      n: () => command('NEWBOX', null, 'Alt+N'),
      x: () => command('REMOVE', null, 'Alt+X'),
      p: () => setPhase('confirm'),
      l: () => void allocateAndPrint(),
    };
    if (map[key]) { e.preventDefault(); map[key]!(); return; }
    if (/^[1-9]$/.test(key)) { e.preventDefault(); command('REOPEN', key, `Alt+${key}`); }
  };

  const discard = () => {
    if (draft && draft.boxes.some((b) => boxUnits(b) > 0) && !draft.consignment && !confirm('Discard these boxes? Nothing has been sent.')) return;
    setDraft(null);
    setLabel(null);
    say('info', 'Scan an order to start.');
    focusScan();
  };

  const open = draft ? openBox(draft) : -1;
  const openSize = draft && open >= 0 ? draft.boxes[open]!.size : null;
  const orderLines = draft ? [...lines(draft.order)].sort((a, b) => Number(left(draft, b) > 0) - Number(left(draft, a) > 0)) : [];
  const done = draft && !draft.consignment && unitsLeft(draft) === 0;
  const canPack = !!draft && !draft.consignment && draft.boxes.some((b) => boxUnits(b) > 0) && phase !== 'packing';

  return (
    <section className="station" aria-label="Packing station" onClick={(e) => { if (!(e.target as HTMLElement).closest('input,select,textarea,a,iframe')) focusScan(); }}>
      <div className={`banner banner-${banner.tone}${removeMode ? ' banner-remove' : ''}`} role={banner.tone === 'stop' ? 'alert' : 'status'} aria-live={banner.tone === 'stop' ? 'assertive' : 'polite'} data-testid="banner">
        {WORD[banner.tone] && <span className="word">{WORD[banner.tone]}</span>}
        <span className="text">{removeMode ? 'REMOVE MODE — ' : ''}{banner.text}</span>
      </div>
      <div className="station-body">
        <div className="lines">
          <div className="heading-row">
            <h1>{draft ? <Link to={`/orders/${draft.order.OrderReference}`}>{draft.order.OrderReference}</Link> : 'No order'}
              {draft?.order.OrderReferenceProvidedByCustomer && <span className="muted"> · {draft.order.OrderReferenceProvidedByCustomer}</span>}</h1>
            {draft && <button type="button" className="quiet" onClick={discard}>{draft.consignment ? 'Next order' : 'Discard'}</button>}
          </div>
          {draft && (
            <div className="table-wrap">
              <table className="order-lines">
                <thead><tr><th scope="col">Item</th><th scope="col" className="num">Ordered</th><th scope="col" className="num">Packed before</th><th scope="col" className="num">In boxes</th><th scope="col" className="num">Left</th></tr></thead>
                <tbody>
                  {orderLines.map((l) => (
                    <tr key={l.Reference} className={left(draft, l) === 0 ? 'line-done' : ''}>
                      <td><strong>{l.Sku ?? l.ItemReferenceProvidedByCustomer ?? l.Reference}</strong> {l.Description}</td>
                      <td className="num">{l.Quantity}</td>
                      <td className="num">{l.QuantityPacked}</td>
                      <td className="num">{inBoxes(draft, l.Reference)}</td>
                      <td className="num left" data-testid={`left-${l.Sku ?? l.Reference}`}>{left(draft, l)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
        <aside className="box-panel" aria-label="Boxes">
          {draft && !draft.consignment && (
            <>
              <h2>{open >= 0 ? `Box ${open + 1}` : 'No open box'}{openSize && <span className="muted"> · size {openSize}</span>}</h2>
              <p className="suggest">
                Suggested box: <strong data-testid="suggested">{suggested ?? '—'}</strong>{' '}
                {suggested && suggested !== openSize && (
                  <button type="button" onClick={() => { setDraft(setSize(draft, suggested)); say('ok', `Box is size ${suggested}.`); }}>Use {suggested}</button>
                )}
              </p>
              <label htmlFor="box-size">Box size</label>
              <select id="box-size" value={openSize ?? ''} onChange={(e) => { if (e.target.value) { setDraft(setSize(draft, e.target.value)); say('ok', `Box is size ${e.target.value}.`); } focusScan(); }}>
                <option value="">Choose…</option>
                {sizes.map((s) => <option key={s.Reference} value={s.Reference}>{s.Reference}{s.Name ? ` — ${s.Name}` : ''} ({s.Length}×{s.Width}×{s.Height} cm)</option>)}
              </select>
              <ol className="box-strip" aria-label="Boxes in this pack">
                {draft.boxes.map((b, i) => (
                  <li key={i} className={b.closed ? 'closed' : 'open'}>
                    <strong>Box {i + 1}</strong> {b.size ?? '?'} · {boxUnits(b)} unit(s) · {boxWeightKg(draft, b, sizes)} kg {b.closed ? '· closed' : '· open'}
                    <ul>{Object.entries(b.items).map(([ref, n]) => <li key={ref}>{n} × {itemName(lines(draft.order).find((l) => l.Reference === ref)!)}</li>)}</ul>
                    {b.closed && <button type="button" className="small" onClick={() => command('REOPEN', String(i + 1), `Reopen ${i + 1}`)}>Reopen (Alt+{i + 1})</button>}
                  </li>
                ))}
              </ol>
            </>
          )}
          {draft?.consignment && (
            <div className="packed">
              <h2>Packed as <Link to={`/consignments/${draft.consignment}`}>{draft.consignment}</Link></h2>
              {label && (
                <>
                  <div className="label-pngs">{label.pngs.map((p) => <img key={p.alt} src={p.src} alt={p.alt} />)}</div>
                  <iframe id="label-frame" title="Label PDF, ready to print" src={label.pdf} className="label-frame" />
                  <p><button type="button" className="primary" onClick={printLabel}>Print label</button> <a href={label.pdf} target="_blank" rel="noreferrer">Open label</a></p>
                </>
              )}
            </div>
          )}
          {phase === 'confirm' && draft && (
            <div className="confirm" role="dialog" aria-label="Confirm pack">
              <p><strong>Pack {draft.boxes.filter((b) => boxUnits(b) > 0).length} box(es)?</strong> {unitsLeft(draft) > 0 ? `${unitsLeft(draft)} unit(s) stay for later.` : 'Everything is in boxes.'}</p>
              <p>Enter or Pack confirms · Esc goes back.</p>
            </div>
          )}
        </aside>
      </div>
      <div className="action-bar" role="group" aria-label="Station actions">
        <button type="button" disabled={!draft || !!draft.consignment || open < 0} onClick={undo}>Undo <kbd>Ctrl+Z</kbd></button>
        <button type="button" disabled={!draft || !!draft.consignment} onClick={() => command('REMOVE', null, 'Remove')}>Remove next <kbd>Alt+X</kbd></button>
        <button type="button" disabled={!draft || !!draft.consignment || open < 0} onClick={() => command('CLOSE', null, 'Close')}>Close box <kbd>Alt+C</kbd></button>
        <button type="button" disabled={!draft || !!draft.consignment} onClick={() => command('NEWBOX', null, 'New box')}>Next box <kbd>Alt+N</kbd></button>
        <button type="button" className={done ? 'primary' : ''} disabled={!canPack} onClick={() => void pack()}>{phase === 'packing' ? 'Packing…' : 'Pack'} <kbd>Alt+P</kbd></button>
        <button type="button" className={draft?.consignment && !draft.labelled ? 'primary' : ''} disabled={!draft?.consignment || phase === 'labelling'} onClick={() => void allocateAndPrint()}>
          {phase === 'labelling' ? 'Allocating…' : draft?.labelled ? 'Reprint' : 'Allocate & print'} <kbd>Alt+L</kbd></button>
      </div>
      <div className="scan-row">
        <label htmlFor="scan">Scan or type a code, then Enter</label>
        <input id="scan" ref={scanField} autoFocus autoComplete="off" spellCheck={false} onKeyDown={onKeyDown} placeholder="Order, item or box code" />
        <ol className="scan-log" aria-label="Last scans">
          {log.slice(0, 4).map((l, i) => <li key={i} className={`log-${l.tone}`}><time>{l.at}</time> {l.code && <code>{l.code}</code>} {l.text}</li>)}
        </ol>
      </div>
    </section>
  );
}
