/** The dashboard: sign in with an API key, then Packing station, Orders, Consignments, Manifests. */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError, apiKey, call } from './api';
import { ConsignmentDetail, ConsignmentList } from './consignments';
import { Manifests } from './manifests';
import { OrderDetail, OrderList } from './orders';
import { PackingStation } from './station/station';
import { unlockSound } from './station/sound';
import { ErrorMessage, Link, usePath } from './ui';
import './styles.css';

function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [checking, setChecking] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    unlockSound(); // browsers keep audio off until a click: this is the click
    setChecking(true);
    setError(null);
    try {
      await call((api) => api.GET('/shippinglocations'), key.trim());
      apiKey.set(key.trim());
      onSignedIn();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? new Error('That API key was not accepted. Check it and try again.') : err);
    } finally {
      setChecking(false);
    }
  };
  return (
    <main className="signin">
      <form onSubmit={submit} className="panel" aria-labelledby="signin-title">
        <h1 id="signin-title">Packline</h1>
        <p>Sign in with your API key. It is kept for this browser tab only.</p>
        <label htmlFor="api-key">API key</label>
        <input id="api-key" type="password" autoComplete="off" autoFocus value={key} onChange={(e) => setKey(e.target.value)} required />
        <ErrorMessage error={error} />
        <button type="submit" className="primary" disabled={checking || !key.trim()}>{checking ? 'Checking…' : 'Sign in'}</button>
      </form>
    </main>
  );
}

const SECTIONS = [
  { to: '/station', label: 'Packing station' },
  { to: '/orders', label: 'Orders' },
  { to: '/consignments', label: 'Consignments' },
  { to: '/manifests', label: 'Manifests' },
];

function Page({ path }: { path: string }) {
  const [, section, ref] = path.split('/').map(decodeURIComponent);
  switch (section?.toLowerCase()) {
    case 'orders': return ref ? <OrderDetail reference={ref} /> : <OrderList />;
    case 'consignments': return ref ? <ConsignmentDetail reference={ref} /> : <ConsignmentList />;
    case 'manifests': return <Manifests />;
    default: return <PackingStation initialOrder={ref} />;
  }
}

function App() {
  const [signedIn, setSignedIn] = useState(() => apiKey.get() !== null);
  const path = usePath();
  useEffect(() => {
    const out = () => { apiKey.clear(); setSignedIn(false); };
    window.addEventListener('packline:signed-out', out);
    return () => window.removeEventListener('packline:signed-out', out);
  }, []);
  if (!signedIn) return <SignIn onSignedIn={() => setSignedIn(true)} />;
  const current = `/${path.split('/')[1] || 'station'}`.toLowerCase();
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Packline</span>
        <nav aria-label="Sections">
          {SECTIONS.map((s) => (
            <Link key={s.to} to={s.to} className={current === s.to ? 'active' : ''}>{s.label}</Link>
          ))}
        </nav>
        <button type="button" className="quiet" onClick={() => { apiKey.clear(); setSignedIn(false); }}>Sign out</button>
      </header>
      <main className="content"><Page path={path} /></main>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
