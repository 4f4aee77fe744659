// Long operations stream `operation/progress` events tagged with the progress id we sent.
import type { ApiClient } from '../api/client';

export interface Progress {
  label: string;
  phase: string;
  done: number;
  total: number;
}

export function followProgress(client: ApiClient, progressId: string, onProgress: (p: Omit<Progress, 'label'>) => void): () => void {
  return client.on('operation/progress', (event) => {
    if (event.progressId !== progressId) return;
    onProgress({ phase: event.phase, done: event.done, total: event.total });
  });
}
