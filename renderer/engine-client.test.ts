import { describe, expect, it, vi } from 'vitest';
import { resultToWire } from '../engine/protocol-wire';
import { createEngineClient, transferListOf, type EnginePort } from './engine-client';

function fakePort() {
  const sent: { message: { id: number; method: string; args: unknown }; transfer: ArrayBuffer[] }[] = [];
  let deliver: (message: unknown) => void = () => undefined;
  let fail: (detail: string) => void = () => undefined;
  const port: EnginePort = {
    post: (message, transfer) => void sent.push({ message: message as (typeof sent)[number]['message'], transfer }),
    onMessage: (listener) => void (deliver = listener),
    onFailure: (listener) => void (fail = listener),
    close: vi.fn(),
  };
  return { port, sent, deliver: (m: unknown) => deliver(m), fail: (d: string) => fail(d) };
}

describe('createEngineClient', () => {
  it('matches responses to requests by id, in any order', async () => {
    const { port, sent, deliver } = fakePort();
    const engine = createEngineClient(port);
    const hello = engine.request('engine.hello', {});
    const info = engine.request('workspace.info', {});
    expect(sent.map((s) => s.message)).toEqual([
      { type: 'req', id: 1, method: 'engine.hello', args: {} },
      { type: 'req', id: 2, method: 'workspace.info', args: {} },
    ]);
    deliver({ type: 'res', id: 2, ok: true, result: null });
    deliver({ type: 'res', id: 1, ok: false, error: { kind: 'internal', message: 'x' } });
    expect(await info).toEqual({ ok: true, value: null });
    expect(await hello).toEqual({ ok: false, error: { kind: 'internal', message: 'x' } });
  });

  it('unpacks a run summary that crossed as columns, and refuses one whose columns do not fit', async () => {
    const { port, deliver } = fakePort();
    const engine = createEngineClient(port);
    const summary = {
      scenario: 's', steps_run: 1, converged: true, total_liquidated_usd: 0, total_bad_debt_usd: 0, total_loss_usd: 1, direct_loss_usd: 1, amplification: 1,
      final_prices: { ETH: 2 },
      nodes: { a: { equity_start_usd: 2, equity_end_usd: 1, obligations_usd: 0, payments_usd: 0, recovery_rate: 1, defaulted: false, default_step: null, path: ['event:0', 'ETH', 'a'] } },
      venues: {}, warnings: [],
    };
    const result = { runId: 'r', summary, stamp: { engine_version: 'v', workspace_hash: 'w', scenario_hash: 's' }, runMs: 1, rowCounts: { prices: 0, venues: 0, nodes: 0, losses: 0, liquidations: 0 } };
    const run = engine.request('sim.run', { runId: 'r', scenario: {} });
    deliver({ type: 'res', id: 1, ok: true, result: structuredClone(resultToWire('sim.run', result)) });
    expect(await run).toEqual({ ok: true, value: result });
    const broken = engine.request('results.summary', { runId: 'r' });
    deliver({ type: 'res', id: 2, ok: true, result });
    expect(await broken).toMatchObject({ ok: false, error: { kind: 'internal' } });
  });

  it('passes the transfer list through', () => {
    const { port, sent } = fakePort();
    const bytes = new Uint8Array([1, 2, 3]);
    const files = [{ name: 'assets.csv', bytes }];
    void createEngineClient(port).request('workspace.import', { files }, transferListOf(files));
    expect(sent[0]?.transfer).toEqual([bytes.buffer]);
  });

  it('delivers events to subscribers until they unsubscribe, and ignores junk', () => {
    const { port, deliver } = fakePort();
    const engine = createEngineClient(port);
    const listener = vi.fn();
    const stop = engine.on('sim.progress', listener);
    const data = { runId: 'r', step: 1, steps: 10, liquidations: 2, defaults: 0 };
    deliver({ type: 'evt', event: 'sim.progress', data });
    deliver('junk');
    deliver({ type: 'res', id: 99, ok: true, result: 1 });
    stop();
    deliver({ type: 'evt', event: 'sim.progress', data });
    expect(listener.mock.calls).toEqual([[data]]);
  });

  it('fails pending and later requests when the worker dies', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { port, fail } = fakePort();
    const engine = createEngineClient(port);
    const pending = engine.request('engine.hello', {});
    fail('SyntaxError in worker');
    const expected = { ok: false, error: { kind: 'internal', message: 'The engine stopped unexpectedly. Reload the window to start it again.' } };
    expect(await pending).toEqual(expected);
    expect(await engine.request('engine.hello', {})).toEqual(expected);
    quiet.mockRestore();
  });

  it('answers an unsendable request with an error value', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { port } = fakePort();
    port.post = () => {
      throw new DOMException('could not be cloned', 'DataCloneError');
    };
    const result = await createEngineClient(port).request('engine.hello', {});
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    quiet.mockRestore();
  });

  it('closes the port and settles what is pending', async () => {
    const { port } = fakePort();
    const engine = createEngineClient(port);
    const pending = engine.request('engine.hello', {});
    engine.close();
    expect(port.close).toHaveBeenCalled();
    expect(await pending).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
  });
});

describe('transferListOf', () => {
  it('lists each buffer once', () => {
    const buffer = new ArrayBuffer(8);
    const other = new Uint8Array(4);
    expect(transferListOf([{ name: 'a', bytes: new Uint8Array(buffer, 0, 4) }, { name: 'b', bytes: new Uint8Array(buffer, 4) }, { name: 'c', bytes: other }])).toEqual([
      buffer,
      other.buffer,
    ]);
  });
});
