// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createClient } from '../../renderer/src/api/client';
import { createHttpTransport } from '../../renderer/src/api/http-transport';
import { TOKEN_HEADER } from '../../shared/ipc/http-protocol';

afterEach(() => {
  sessionStorage.clear();
  history.replaceState(null, '', '/');
});

describe('browser-mode session', () => {
  it('the page sends no token of its own: the session cookie (HttpOnly, set by the printed link) does it', async () => {
    history.replaceState(null, '', '/');
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: [] }), { status: 200 }));
    let opened = '';
    const transport = createHttpTransport({
      fetchImpl: fetchImpl as unknown as typeof fetch,
      eventSourceFactory: (url) => {
        opened = url;
        return { addEventListener: () => undefined } as unknown as EventSource;
      },
    });
    await createClient(transport).call('campaigns/list', {});
    const [, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(Object.keys(init.headers as Record<string, string>)).toEqual(['content-type']);
    transport.events['jobs/run-started'](() => undefined);
    expect(opened).toBe('/api/events');
  });
});

describe('HTTP transport', () => {
  it('POSTs the input to /api/<channel> with the token header and returns the IpcResult', async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: [] }), { status: 200 }));
    const client = createClient(createHttpTransport({ token: 't0k', fetchImpl: fetchImpl as unknown as typeof fetch }));
    expect(await client.call('campaigns/list', {})).toEqual([]);
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/campaigns/list');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)[TOKEN_HEADER]).toBe('t0k');
  });

  it('turns error results, refusals and network failures into readable ApiErrors', async () => {
    const answers = [
      new Response(JSON.stringify({ ok: false, error: { code: 'not_found', message: 'List 9 does not exist.' } })),
      new Response('no', { status: 401 }),
    ];
    let i = 0;
    const fetchImpl = vi.fn(async () => {
      if (i >= answers.length) throw new TypeError('Failed to fetch');
      return answers[i++];
    });
    const client = createClient(createHttpTransport({ token: 't', fetchImpl: fetchImpl as unknown as typeof fetch }));
    await expect(client.call('recycling/breakdown', { listId: 9 })).rejects.toEqual(new ApiError('not_found', 'List 9 does not exist.'));
    await expect(client.call('campaigns/list', {})).rejects.toThrow(/no valid session/);
    await expect(client.call('campaigns/list', {})).rejects.toThrow(/not reachable/);
  });

  it('delivers server-sent events by name to their subscribers', () => {
    const handlers = new Map<string, (ev: MessageEvent) => void>();
    let opened = '';
    const fake = {
      addEventListener: (name: string, fn: (ev: MessageEvent) => void) => handlers.set(name, fn),
      onopen: null,
      onerror: null,
    };
    const transport = createHttpTransport({
      token: 'a b',
      eventSourceFactory: (url) => {
        opened = url;
        return fake as unknown as EventSource;
      },
    });
    const seen: unknown[] = [];
    const stop = transport.events['jobs/run-started']((p) => seen.push(p));
    expect(opened).toBe('/api/events?token=a%20b');
    handlers.get('jobs/run-started')!(new MessageEvent('jobs/run-started', { data: JSON.stringify({ job: 'fill_hopper', run_id: 1, started_at: 'x' }) }));
    handlers.get('operation/progress')!(new MessageEvent('operation/progress', { data: '{}' }));
    expect(seen).toEqual([{ job: 'fill_hopper', run_id: 1, started_at: 'x' }]);
    stop();
    handlers.get('jobs/run-started')!(new MessageEvent('jobs/run-started', { data: '{"job":"x"}' }));
    expect(seen).toHaveLength(1);
  });
});
