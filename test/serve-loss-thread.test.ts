import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { lossThreadClient, serveLossGraphs } from '../engine/losses/loss-thread';
import { makeResultRoom, roomPaged } from '../engine/results/result-room';
import type { HelperThread } from '../engine/util/helper-slot';
import { inProcessEngine } from './helpers/in-process-engine';
import { DEMO } from './helpers/project-fixture';

// sim.run and sim.complete with a loss-graph helper: the same results as without one, the helper
// named in the result, and a run made again here when the helper fails.

const files = readdirSync(join(DEMO, 'workspace')).map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(DEMO, 'workspace', name))) }));
const scenario = (name: string): unknown => JSON.parse(readFileSync(join(DEMO, 'scenarios', name), 'utf8')) as unknown;

type Engine = ReturnType<typeof inProcessEngine>;

async function must<T>(reply: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await reply;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function losses(e: Engine, runId: string): Promise<string[]> {
  const page = await must(e.request('results.table', { runId, table: 'losses', offset: 0, limit: 1_000_000 }));
  return tableFromIPC(page.ipc).toArray().map((r) => JSON.stringify(r));
}

/** A helper served in this process over a MessageChannel; it dies at its `dieAt`-th step message. */
function helper(dieAt = Infinity): () => HelperThread {
  return () => {
    const { port1, port2 } = new MessageChannel();
    let failed: (() => void) | null = null;
    let steps = 0;
    serveLossGraphs({
      post: (msg, transfer) => port2.postMessage(msg, transfer),
      onMessage: (cb) =>
        port2.on('message', (m: { kind?: string }) => {
          if (m.kind === 'step' && ++steps >= dieAt) failed?.();
          else cb(m);
        }),
    });
    return {
      post: (msg, transfer) => port1.postMessage(msg, transfer),
      onMessage: (cb) => port1.on('message', cb),
      onFailure: (cb) => void (failed = cb),
      terminate: () => {
        port1.close();
        port2.close();
      },
    };
  };
}

async function engine(lossThreads?: ReturnType<typeof lossThreadClient>): Promise<Engine> {
  const e = inProcessEngine(lossThreads ? { lossThreads } : {});
  await must(e.request('workspace.import', { files }));
  // Runs go to the helper once it says it is ready (a run before that is built on this thread).
  if (lossThreads) expect(await lossThreads.whenReady()).toBe(true);
  return e;
}

describe('runs with a loss-graph helper', () => {
  it('give the results of a run without one, and say the graph was built on the helper', async () => {
    const plain = await engine();
    const helped = await engine(lossThreadClient(helper(), { now: Date.now }));
    for (const name of ['flash-crash.json', 'lender-default.json', 'stablecoin-depeg.json']) {
      const a = await must(plain.request('sim.run', { runId: name, scenario: scenario(name) }));
      const b = await must(helped.request('sim.run', { runId: name, scenario: scenario(name) }));
      expect(a.lossesOnHelper).toBeUndefined();
      expect(b.lossesOnHelper, name).toBe(true);
      expect(b.summary, name).toEqual(a.summary);
      expect(b.rowCounts, name).toEqual(a.rowCounts);
      expect(await losses(helped, name), name).toEqual(await losses(plain, name));
    }
  });

  it('complete a preview on the helper too', async () => {
    const plain = await engine();
    const helped = await engine(lossThreadClient(helper(), { now: Date.now }));
    const full = await must(plain.request('sim.run', { runId: 'f', scenario: scenario('oracle-attack.json') }));
    await must(helped.request('sim.run', { runId: 'p', scenario: scenario('oracle-attack.json'), preview: true }));
    const done = await must(helped.request('sim.complete', { runId: 'p' }));
    expect(done.lossesOnHelper).toBe(true);
    expect(done.summary).toEqual(full.summary);
    expect(await losses(helped, 'p')).toEqual(await losses(plain, 'f'));
  });

  it('are made again with the graph built here when the helper dies mid-run, with the same results', async () => {
    const plain = await engine();
    const helped = await engine(lossThreadClient(helper(3), { now: Date.now }));
    const a = await must(plain.request('sim.run', { runId: 'r', scenario: scenario('flash-crash.json') }));
    const b = await must(helped.request('sim.run', { runId: 'r', scenario: scenario('flash-crash.json') }));
    expect(b.lossesOnHelper).toBeUndefined();
    expect(b.summary).toEqual(a.summary);
    expect(await losses(helped, 'r')).toEqual(await losses(plain, 'r'));
    // The helper is not started again: the next run builds its graph here at once.
    const c = await must(helped.request('sim.run', { runId: 'r2', scenario: scenario('lender-default.json') }));
    expect(c.lossesOnHelper).toBeUndefined();
    expect(c.rowCounts.losses).toBeGreaterThan(0);
  });

  it('can be cancelled mid-run, and the next run’s graph is its own', async () => {
    const plain = await engine();
    // A clock that ends every slice after one step: the cancel gets in after the first.
    let clock = 0;
    const threads = lossThreadClient(helper(), { now: Date.now });
    const helped = inProcessEngine({ lossThreads: threads, now: () => (clock += 1000) });
    await must(helped.request('workspace.import', { files }));
    expect(await threads.whenReady()).toBe(true);
    let sent = false;
    helped.onEvent((event) => {
      if (event !== 'sim.progress' || sent) return;
      sent = true;
      void helped.request('sim.cancel', { runId: 'c' });
    });
    const r = await helped.request('sim.run', { runId: 'c', scenario: scenario('lender-default.json') });
    expect(r.ok ? 'ran' : r.error.kind).toBe('cancelled');
    const a = await must(plain.request('sim.run', { runId: 'n', scenario: scenario('liquidity-drain.json') }));
    const b = await must(helped.request('sim.run', { runId: 'n', scenario: scenario('liquidity-drain.json') }));
    expect(b.lossesOnHelper).toBe(true);
    expect(b.summary).toEqual(a.summary);
    expect(await losses(helped, 'n')).toEqual(await losses(plain, 'n'));
  });
});

describe('the loss model a run sends to the helper', () => {
  it('holds its arrays in shared memory, so that each run’s begin message shares them rather than copying them', async () => {
    const begins: Record<string, unknown>[] = [];
    const make = helper();
    const watched = (): HelperThread => {
      const t = make();
      return { ...t, post: (msg, transfer) => (((msg as { kind?: string }).kind === 'begin' ? begins.push((msg as { lm: Record<string, unknown> }).lm) : 0), t.post(msg, transfer)) };
    };
    const e = await engine(lossThreadClient(watched, { now: Date.now }));
    for (const runId of ['a', 'b']) expect((await must(e.request('sim.run', { runId, scenario: scenario('flash-crash.json') }))).lossesOnHelper).toBe(true);
    expect(begins).toHaveLength(2);
    const arrays = ['slotNode', 'assetSlotStart', 'holdingOwner', 'holdingAmount', 'obligationDebtor', 'obligationAmount', 'feedOracle', 'debtors', 'startEquity', 'startUnpaid', 'startShort'];
    for (const lm of begins) for (const k of arrays) expect((lm[k] as Int32Array).buffer, k).toBeInstanceOf(SharedArrayBuffer);
    // The same shared copies for both runs of the workspace (made once, not per run).
    for (const k of arrays) expect(begins[1]?.[k], k).toBe(begins[0]?.[k]);
  });
});

describe('the result room of the next run', () => {
  it('is made after each run, paged in by the helper while idle, and taken by the next run, whose results are unchanged', async () => {
    const pages: SharedArrayBuffer[] = [];
    const make = helper();
    const watched = (): HelperThread => {
      const t = make();
      return { ...t, post: (msg, transfer) => (((msg as { kind?: string }).kind === 'page' ? pages.push((msg as { buffer: SharedArrayBuffer }).buffer) : 0), t.post(msg, transfer)) };
    };
    const plain = await engine();
    const helped = await engine(lossThreadClient(watched, { now: Date.now }));
    const paged = async (b: SharedArrayBuffer): Promise<void> => {
      for (let k = 0; k < 200 && !roomPaged(b); k++) await new Promise((r) => setTimeout(r, 10));
      expect(roomPaged(b)).toBe(true);
    };
    for (const runId of ['a', 'b', 'c']) {
      const a = await must(plain.request('sim.run', { runId, scenario: scenario('flash-crash.json') }));
      const b = await must(helped.request('sim.run', { runId, scenario: scenario('flash-crash.json') }));
      expect(b.lossesOnHelper).toBe(true);
      expect(b.summary).toEqual(a.summary);
      expect(await losses(helped, runId)).toEqual(await losses(plain, runId));
      for (const table of ['liquidations', 'nodes'] as const) {
        const rows = async (e: Engine): Promise<string[]> => tableFromIPC((await must(e.request('results.table', { runId, table, offset: 0, limit: 1_000_000 }))).ipc).toArray().map((r) => JSON.stringify(r));
        expect(await rows(helped), `${runId} ${table}`).toEqual(await rows(plain));
      }
      // A room after every run: the one made after a run was taken by the next (else it would be kept, and none made).
      expect(pages).toHaveLength(['a', 'b', 'c'].indexOf(runId) + 1);
      await paged(pages[pages.length - 1] as SharedArrayBuffer);
    }
    expect(new Set(pages).size).toBe(3);
  });
});

describe('a run asked for as the helper becomes ready', () => {
  it('reads the helper’s ready message first, and builds its graph there (it was built on this thread)', async () => {
    // The helper's side is served only when told: its ready message then waits, unread, behind the run.
    let serveNow: () => void = () => undefined;
    const lateHelper = (): HelperThread => {
      const { port1, port2 } = new MessageChannel();
      serveNow = () =>
        serveLossGraphs({
          post: (msg, transfer) => port2.postMessage(msg, transfer),
          onMessage: (cb) => port2.on('message', cb),
        });
      return {
        post: (msg, transfer) => port1.postMessage(msg, transfer),
        onMessage: (cb) => port1.on('message', cb),
        onFailure: () => undefined,
        terminate: () => {
          port1.close();
          port2.close();
        },
      };
    };
    const threads = lossThreadClient(lateHelper, { now: Date.now });
    const e = inProcessEngine({ lossThreads: threads });
    await must(e.request('workspace.import', { files }));
    serveNow();
    const run = await must(e.request('sim.run', { runId: 'r', scenario: scenario('flash-crash.json') }));
    expect(run.lossesOnHelper).toBe(true);
    threads.release();
  });
});

describe('the helper pages rooms in while idle', () => {
  it('slice by slice through the host’s `later`, each slice after the messages that came in', async () => {
    const { port1, port2 } = new MessageChannel();
    let slices = 0;
    serveLossGraphs(
      { post: (msg, transfer) => port2.postMessage(msg, transfer), onMessage: (cb) => port2.on('message', cb) },
      {
        later: (fn) => {
          slices++;
          setImmediate(fn);
        },
      },
    );
    const room = makeResultRoom(200_000, 10_000);
    if (!room) throw new Error('no shared memory here');
    port1.postMessage({ kind: 'page', run: 0, buffer: room.buffer });
    for (let k = 0; k < 200 && !roomPaged(room.buffer); k++) await new Promise((r) => setTimeout(r, 5));
    expect(roomPaged(room.buffer)).toBe(true);
    // 2 MB (512 pages) a slice, each scheduled by `later`, and one more that found nothing left to page.
    const pages = Math.ceil((room.buffer.byteLength - 8) / 4096);
    expect(slices).toBe(Math.ceil(pages / 512) + 1);
    port1.close();
    port2.close();
  });
});
