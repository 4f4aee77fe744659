// Which database the console works on: a SQLite file, or a PostgreSQL server (tested first).
import { useState } from 'react';
import { useSlice, useStores } from '../../stores/stores';
import type { PostgresForm } from '../../stores/settings-store';

export function SettingsScreen() {
  const { settings } = useStores();
  const info = useSlice((s) => s.app, (s) => s.info);
  const { busy, testResult, formError, message } = useSlice((s) => s.settings, (s) => s);
  const [file, setFile] = useState('');
  const [form, setForm] = useState({ host: 'localhost', port: '5432', database: '', user: '', password: '', ssl: false });
  const pgInput = (): PostgresForm => ({
    host: form.host,
    port: Number(form.port) || 5432,
    database: form.database,
    user: form.user,
    ...(form.password ? { password: form.password } : {}),
    ssl: form.ssl,
  });
  const field = (key: 'host' | 'port' | 'database' | 'user' | 'password') => ({
    value: form[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.target.value }),
  });
  const isElectron = info?.shell === 'electron';
  // Only a connection that has a password can keep it when the field is left empty.
  const keepsPassword = info?.database.kind === 'postgres' && info.database.has_password === true;
  return (
    <section className="screen" aria-labelledby="settings-title">
      <header className="screen-header">
        <div>
          <h1 id="settings-title">Database settings</h1>
          <p className="subtitle">{info ? `Now using ${info.database.description}` : 'Not connected'}</p>
        </div>
      </header>
      {message ? (
        <p className="notice" role="status">
          {message}
        </p>
      ) : null}
      <div className="settings-grid">
        <section className="panel" aria-labelledby="sqlite-title">
          <h2 id="sqlite-title">SQLite file</h2>
          <p className="hint">One file on this computer. {isElectron ? 'Leave the path empty to choose a file.' : 'Give the full path of the file on the machine that runs the console.'}</p>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void settings.getState().openSqlite(file.trim() || undefined);
            }}
          >
            <label className="stacked">
              SQLite file path
              <input type="text" value={file} onChange={(e) => setFile(e.target.value)} placeholder="/path/to/lead-console.sqlite" />
            </label>
            <button type="submit" disabled={busy !== null || (!isElectron && !file.trim())}>
              Open SQLite file…
            </button>
          </form>
        </section>
        <section className="panel" aria-labelledby="pg-title">
          <h2 id="pg-title">Connect to PostgreSQL</h2>
          <p className="hint">For several consoles and a dialer sharing one database. The password is stored encrypted, never in plain text.</p>
          <form
            className="pg-form"
            onSubmit={(e) => {
              e.preventDefault();
              void settings.getState().connectPostgres(pgInput());
            }}
          >
            <label className="stacked">
              Host
              <input type="text" required {...field('host')} />
            </label>
            <label className="stacked">
              Port
              <input type="number" min={1} max={65535} required {...field('port')} />
            </label>
            <label className="stacked">
              Database
              <input type="text" required {...field('database')} />
            </label>
            <label className="stacked">
              User
              <input type="text" required autoComplete="username" {...field('user')} />
            </label>
            <label className="stacked">
              Password
              <input type="password" autoComplete="current-password" placeholder={keepsPassword ? '(keep the stored one)' : undefined} {...field('password')} />
            </label>
            <label className="inline check">
              <input type="checkbox" checked={form.ssl} onChange={(e) => setForm({ ...form, ssl: e.target.checked })} />
              Use SSL
            </label>
            <div className="control-row">
              <button type="button" onClick={() => void settings.getState().testPostgres(pgInput())} disabled={busy !== null}>
                Test connection
              </button>
              <button type="submit" className="primary" disabled={busy !== null}>
                Connect
              </button>
            </div>
            {testResult ? (
              <p className="notice" role="status">
                {testResult}
              </p>
            ) : null}
            {formError ? (
              <p className="form-error" role="alert" aria-label="PostgreSQL connection failed">
                {formError}
              </p>
            ) : null}
          </form>
        </section>
      </div>
    </section>
  );
}
