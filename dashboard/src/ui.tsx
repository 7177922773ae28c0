/** Small shared pieces: routing under /app, API errors in words, status chips, loading data. */
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { ApiError } from './api';

/** Paths are app-relative ("/orders/EO-…"); the browser shows them under /app. */
export function navigate(path: string) {
  history.pushState(null, '', `/app${path}`);
  window.dispatchEvent(new Event('packline:navigate'));
}

export function usePath(): string {
  const read = () => location.pathname.replace(/^\/app/i, '') || '/';
  const [path, setPath] = useState(read);
  useEffect(() => {
    const update = () => setPath(read());
    window.addEventListener('popstate', update);
    window.addEventListener('packline:navigate', update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener('packline:navigate', update);
    };
  }, []);
  return path;
}

export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  return (
    <a href={`/app${to}`} className={className} onClick={(e) => {
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      navigate(to);
    }}>{children}</a>
  );
}

export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  return (
    <div className="notice notice-error" role="alert">
      <strong>✕ </strong>{e ? e.words : String((error as Error).message ?? error)}
      {e?.field && <div className="field">Field: {e.field}</div>}
      {e?.correlationId && <div className="correlation">Ref {e.correlationId}</div>}
    </div>
  );
}

const TONE: Record<string, string> = {
  Unpacked: 'grey', PartiallyPacked: 'amber', Packed: 'green', OverPacked: 'red',
  Unallocated: 'grey', AllocationFailed: 'red', Allocated: 'blue', ReadyToShip: 'blue', Manifested: 'green',
  ManifestFailed: 'red', Cancelled: 'grey', Delivered: 'green', Allocating: 'amber', Manifesting: 'amber', Cancelling: 'amber',
};
/** A state in words; the colour only repeats what the word says. */
export const spaced = (s: string) => s.replace(/([a-z])([A-Z])/g, '$1 $2');
export function Chip({ value }: { value: string }) {
  return <span className={`chip chip-${TONE[value] ?? 'blue'}`}>{spaced(value)}</span>;
}

export const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—');

/** Loads on mount and whenever `deps` change; `reload` loads again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | undefined; error: unknown; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: unknown) => live && setState({ data: undefined, error, loading: false }),
    );
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/** Base64 PDF from the labels endpoint → an object URL an <iframe> can show and print. */
export function pdfUrl(base64: string): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
}
