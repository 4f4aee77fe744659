// Which database the console works on: a SQLite file, or a PostgreSQL server (tested first).
import { useState } from 'react';
import { useSlice, useStores } from '../../stores/stores';
import type { PostgresForm } from '../../stores/settings-store';

type SslModeWord = PostgresForm['sslMode'];

export function SettingsScreen() {
  const { settings } = useStores();
  const info = useSlice((s) => s.app, (s) => s.info);
  const { busy, testResult, formError, message } = useSlice((s) => s.settings, (s) => s);
  const [file, setFile] = useState('');
  const [confirmForeign, setConfirmForeign] = useState(false);
  const [form, setForm] = useState({ host: 'localhost', port: '5432', database: '', user: '', password: '', sslMode: 'disable' as SslModeWord });
  const pgInput = (): PostgresForm => ({
    host: form.host,
    port: Number(form.port) || 5432,
    database: form.database,
    user: form.user,
    ...(form.password ? { password: form.password } : {}),
    sslMode: form.sslMode,
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
          {isElectron ? (
            <>
              <p className="hint">One file on this computer, chosen in the file dialog.</p>
              <div className="control-row">
                <button type="button" onClick={() => void settings.getState().openSqlite()} disabled={busy !== null}>
                  Open SQLite file…
                </button>
                <button type="button" onClick={() => void settings.getState().createSqlite()} disabled={busy !== null}>
                  New SQLite database…
                </button>
              </div>
            </>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void settings.getState().openSqlite(file.trim(), confirmForeign);
              }}
            >
              <p className="hint">
                A file in the folder the console was started with (<code>serve --database-folder DIR</code>); without that option the browser cannot switch databases.
              </p>
              <label className="stacked">
                File name in that folder
                <input type="text" value={file} onChange={(e) => setFile(e.target.value)} placeholder="leads.sqlite" />
              </label>
              <label className="inline check">
                <input type="checkbox" checked={confirmForeign} onChange={(e) => setConfirmForeign(e.target.checked)} />
                Create the console's tables here even if the file holds another application's tables
              </label>
              <div className="control-row">
                <button type="submit" disabled={busy !== null || !file.trim()}>
                  Open SQLite file
                </button>
                <button type="button" onClick={() => void settings.getState().createSqlite(file.trim())} disabled={busy !== null || !file.trim()}>
                  New SQLite database
                </button>
              </div>
            </form>
          )}
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
            <label className="stacked">
              SSL
              <select value={form.sslMode} onChange={(e) => setForm({ ...form, sslMode: e.target.value as SslModeWord })}>
                <option value="disable">Off</option>
                <option value="require">Encrypted (certificate not checked)</option>
                <option value="verify-full">Encrypted, certificate and host name checked</option>
              </select>
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
