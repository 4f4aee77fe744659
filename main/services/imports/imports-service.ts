// Leads in: preview and import of a vendor's CSV file into a list, and undo of an import.
import type { ImportPreview, ImportReport } from '../../../shared/types/imports';
import type { DbHandle } from '../../db/open-database';
import type { Clock } from '../../db/time';
import { importLeads, type ImportListeners, type ImportRequest } from './import-leads';
import { previewImport } from './import-preview';

export class ImportsService {
  constructor(
    readonly handle: DbHandle,
    readonly clock: Clock,
  ) {}

  preview(file: string): Promise<ImportPreview> {
    return previewImport(file);
  }

  import(request: ImportRequest, listeners?: ImportListeners): Promise<ImportReport> {
    return importLeads(this.handle, this.clock, request, listeners);
  }
}
