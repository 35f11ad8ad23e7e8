import type { Dialogs } from './dialogs';
import { writeFileAtomic } from './files';
import type { HostResult, PrintReportRequest, SaveFileOutcome } from './host-api';
import { isBaseName, isRecord, unknownKeys } from './validators';

/** The part of Electron's WebContents a PDF print needs (a seam for tests). */
export interface PdfPrinter {
  printToPDF(options: PdfOptions): Promise<Uint8Array>;
  isDestroyed(): boolean;
}

/** Electron's printToPDF options that the report uses. */
export interface PdfOptions {
  landscape: boolean;
  printBackground: boolean;
  preferCSSPageSize: boolean;
  generateTaggedPDF: boolean;
  generateDocumentOutline: boolean;
  displayHeaderFooter: boolean;
}

export const PDF_FILTERS = [{ name: 'PDF document', extensions: ['pdf'] }];

const invalid = (message: string): HostResult<never> => ({ ok: false, error: { kind: 'invalid-argument', message } });

export function parsePrintReportRequest(value: unknown): HostResult<PrintReportRequest> {
  if (!isRecord(value)) return invalid('Print request must be an object.');
  const extra = unknownKeys(value, ['suggestedName', 'landscape']);
  if (extra.length > 0) return invalid(`Unknown print option: ${extra.join(', ')}.`);
  const { suggestedName, landscape } = value;
  if (typeof suggestedName !== 'string' || !isBaseName(suggestedName) || !suggestedName.toLowerCase().endsWith('.pdf')) {
    return invalid('suggestedName must be a plain file name ending in .pdf.');
  }
  if (landscape !== undefined && typeof landscape !== 'boolean') return invalid('landscape must be true or false.');
  return { ok: true, value: landscape === undefined ? { suggestedName } : { suggestedName, landscape } };
}

/**
 * `printReport`: asks where to save, prints the asking window's page (the report view: its print
 * CSS sets the page size, margins and the running header and footer) to PDF, and writes it
 * atomically. Cancelling the dialog prints nothing.
 */
export async function printReport(arg: unknown, sender: PdfPrinter | undefined, dialogs: Dialogs): Promise<HostResult<SaveFileOutcome>> {
  const request = parsePrintReportRequest(arg);
  if (!request.ok) return request;
  if (sender === undefined || sender.isDestroyed()) return { ok: false, error: { kind: 'unavailable', message: 'The window to print is gone.' } };
  const path = await dialogs.chooseSavePath(request.value.suggestedName, PDF_FILTERS);
  if (path === null) return { ok: true, value: { saved: false, path: null } };
  let bytes: Uint8Array;
  try {
    bytes = await sender.printToPDF({
      landscape: request.value.landscape ?? false,
      printBackground: true,
      preferCSSPageSize: true,
      generateTaggedPDF: true,
      generateDocumentOutline: true,
      displayHeaderFooter: false,
    });
  } catch (error) {
    console.error('[report] printToPDF failed:', error);
    return { ok: false, error: { kind: 'io', message: 'The report could not be printed to PDF.' } };
  }
  const written = await writeFileAtomic(path, bytes);
  return written.ok ? { ok: true, value: { saved: true, path } } : written;
}
