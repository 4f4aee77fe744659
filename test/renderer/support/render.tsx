// Render a piece of the console over an in-memory transport, with its stores.
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createClient } from '../../../renderer/src/api/client';
import { createMemoryTransport, type MemoryHandlers } from './memory-transport';
import { createStores, StoresContext } from '../../../renderer/src/stores/stores';

export function renderWithStores(ui: ReactElement, handlers: MemoryHandlers) {
  const transport = createMemoryTransport(handlers);
  const stores = createStores(createClient(transport));
  const result = render(<StoresContext.Provider value={stores}>{ui}</StoresContext.Provider>);
  return { ...result, transport, stores };
}

/** The inputs a channel was called with, in order. */
export function callsTo(transport: ReturnType<typeof createMemoryTransport>, channel: string): unknown[] {
  return transport.calls.filter((c) => c.channel === channel).map((c) => c.input);
}
