import type { Plugin } from 'vite';

export const REPORT_VIEWER_MODULE: string;
export function reportCsp(script: string, style: string): string;
export function buildReportTemplate(root: string, version: string): Promise<{ html: string; inputs: string[] }>;
export function reportViewerPlugin(root: string, version: string): Plugin;
