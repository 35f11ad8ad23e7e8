import { describe, expect, it, vi } from 'vitest';
import type { HostApi } from '../../main/host-api';
import type { EngineClient } from '../engine-client';
import { exportName, slug } from './file-names';
import { saveResultTable } from './save-table';
import { stampText } from './stamp-text';
import type { RunResult, WorkspaceInfo } from '../../engine/protocol';

describe('file names', () => {
  it('slugs titles into plain base names', () => {
    expect(slug('Flash crash: ETH -30%, stale oracle')).toBe('flash-crash-eth-30-stale-oracle');
    expect(slug('Crédit Agricole / Ünïcode')).toBe('credit-agricole-unicode');
    expect(slug('../../etc/passwd')).toBe('etc-passwd');
    expect(slug('***')).toBe('firebreak');
    expect(exportName('Flash crash', 'run-3', 'liquidations', 'csv')).toBe('flash-crash-run-3-liquidations.csv');
    expect(exportName(null, null, 'levels', 'png')).toBe('levels.png');
  });
});

const result = {
  runId: 'run-2',
  summary: { scenario: 'Flash crash' },
  stamp: { engine_version: '0.1.0', workspace_hash: 'ab'.repeat(32), scenario_hash: 'cd'.repeat(32) },
} as unknown as RunResult;
const workspace = { hash: 'ab'.repeat(32), counts: {}, warnings: [] } as WorkspaceInfo;
const at = new Date('2026-11-30T10:05:07.123Z');

describe('stampText', () => {
  it('names the engine, the run and both input hashes of a run of the open workspace', () => {
    expect(stampText(result, workspace, at)).toBe(
      'Firebreak · engine 0.1.0 · Flash crash (run-2) · workspace SHA-256 abababababababab… · scenario SHA-256 cdcdcdcdcdcdcdcd… · exported 2026-11-30T10:05:07Z',
    );
  });
  it('falls back to the workspace when the run is of another workspace, or there is none', () => {
    const other = { ...workspace, hash: 'ef'.repeat(32) };
    expect(stampText(result, other, at)).toBe('Firebreak · workspace SHA-256 efefefefefefefef… · exported 2026-11-30T10:05:07Z');
    expect(stampText(null, null, at)).toBe('Firebreak · exported 2026-11-30T10:05:07Z');
  });
});

describe('saveResultTable', () => {
  const bytes = new TextEncoder().encode('step,node\n0,a\n');
  it('asks the worker for the file bytes and saves them under a plain name', async () => {
    const request = vi.fn().mockResolvedValue({ ok: true, value: { format: 'csv', bytes, rows: 1 } });
    const saveFile = vi.fn().mockResolvedValue({ ok: true, value: { saved: true, path: '/home/a/x.csv' } });
    const ctx = { engine: { request } as unknown as EngineClient, host: { saveFile } as unknown as HostApi };
    expect(await saveResultTable(ctx, { runId: 'run-2', table: 'nodes', scenario: 'Flash crash', format: 'csv' })).toEqual({ ok: true, saved: true, path: '/home/a/x.csv', rows: 1 });
    expect(request).toHaveBeenCalledWith('results.export', { runId: 'run-2', table: 'nodes', format: 'csv', sort: null, filters: [] });
    expect(saveFile).toHaveBeenCalledWith({ suggestedName: 'flash-crash-run-2-nodes.csv', bytes, filters: [{ name: 'CSV table', extensions: ['csv'] }] });
  });
  it('says why when the worker or the host refuses', async () => {
    const refused = { engine: { request: vi.fn().mockResolvedValue({ ok: false, error: { kind: 'not-found', message: 'No run run-9 is kept.' } }) } as unknown as EngineClient, host: {} as HostApi };
    const out = await saveResultTable(refused, { runId: 'run-9', table: 'nodes', scenario: 'x', format: 'arrow' });
    expect(out.ok).toBe(false);
    const full = { engine: { request: vi.fn().mockResolvedValue({ ok: true, value: { format: 'arrow', bytes, rows: 1 } }) } as unknown as EngineClient, host: { saveFile: vi.fn().mockResolvedValue({ ok: false, error: { kind: 'io', message: 'the disk is full' } }) } as unknown as HostApi };
    expect(await saveResultTable(full, { runId: 'r', table: 'nodes', scenario: 'x', format: 'arrow' })).toEqual({ ok: false, message: 'the disk is full' });
  });
});
