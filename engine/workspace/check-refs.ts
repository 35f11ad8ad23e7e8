import { rowOf } from './checked-table';
import type { IdIndex, Tables } from './check-ids';
import type { ProblemLog } from './problems';
import { dictSize } from './raw-table';
import { NUMERAIRE, TABLE_NAMES, type RefKind } from './schema';

/**
 * Every reference must name an existing id of the right kind (MODEL §1): owner, debtor,
 * creditor and backer any node; venue a node of kind venue; asset columns an asset or USD;
 * oracle an oracle. Each distinct value is resolved once. Returns the ids some row names in a
 * column of nodes, node ids or not (the "referenced by nothing" warning asks it of node ids
 * only; a lookup in the nodes first made checkRefs ~1.5× as long on a 1M import).
 */
export function checkRefs(tables: Tables, idx: IdIndex, log: ProblemLog): Set<string> {
  const resolver = new Resolver(idx, tables.oracles !== undefined);
  const referenced = new Set<string>();
  for (const name of TABLE_NAMES) {
    const t = tables[name];
    if (!t) continue;
    for (const c of t.spec.columns) {
      if (c.type.kind !== 'ref') continue;
      const to = c.type.to;
      const col = t.strings.get(c.name);
      if (!col) continue;
      const size = dictSize(col);
      const codes = col.codes;
      // A byte dictionary holds only values its rows have: no need to look.
      const used = new Uint8Array(size).fill(col.byteDict ? 1 : 0);
      for (let i = 0; !col.byteDict && i < t.rows; i++) {
        const k = codes[i] as number;
        if (k >= 0) used[k] = 1;
      }
      const names = to === 'node' || to === 'venue';
      const check = canResolve(to, idx);
      const rules = new Map<number, string>();
      for (let k = 0; k < size; k++) {
        if (!used[k]) continue;
        const id = col.dict[k] as string;
        if (names) referenced.add(id);
        const rule = check ? resolver.resolve(id, to) : '';
        if (rule !== '') {
          rules.set(k, rule);
          used[k] = 2;
        }
      }
      for (let i = 0; rules.size > 0 && i < t.rows; i++) {
        const k = codes[i] as number;
        if (k >= 0 && used[k] === 2) log.error(t.name, rowOf(t, i), c.name, col.dict[k], rules.get(k) as string);
      }
    }
  }
  return referenced;
}

function canResolve(kind: RefKind, idx: IdIndex): boolean {
  if (kind === 'asset') return idx.checkable.assets;
  if (kind === 'oracle') return idx.checkable.oracles;
  return idx.checkable.nodes;
}

/** Says whether an id names the right kind of thing, with a hint when it is off only by case. */
export class Resolver {
  private readonly near = new Map<RefKind, Map<string, string>>();

  constructor(
    private readonly idx: IdIndex,
    private readonly hasOracles: boolean,
  ) {}

  /** '' when `id` names the right kind of thing, else the rule it breaks, in words. */
  resolve(id: string, kind: RefKind): string {
    const idx = this.idx;
    if (kind === 'asset') {
      if (id === NUMERAIRE || idx.assets.has(id)) return '';
      if (idx.nodes.has(id)) return 'is a node, not an asset';
      return `names an unknown asset (not in assets, and not ${NUMERAIRE})${this.hint(id, kind)}`;
    }
    if (kind === 'oracle') {
      if (idx.oracles.has(id)) return '';
      return this.hasOracles ? `names an unknown oracle${this.hint(id, kind)}` : 'names an unknown oracle (there is no oracles table)';
    }
    const nodeKind = idx.nodes.get(id);
    if (nodeKind === undefined) {
      if (id === NUMERAIRE) return `is the numéraire ${NUMERAIRE}, not a node`;
      if (idx.assets.has(id)) return kind === 'venue' ? 'is an asset; a venue is needed' : 'is an asset, not a node';
      return `names an unknown ${kind === 'venue' ? 'venue' : 'node'}${this.hint(id, kind)}`;
    }
    if (kind === 'venue' && nodeKind !== null && nodeKind !== 'venue') return `is a node of kind ${nodeKind}; a venue is needed`;
    return '';
  }

  /** "; did you mean ETH?" when an id differs from a known one only in case or spaces. */
  private hint(id: string, kind: RefKind): string {
    let near = this.near.get(kind);
    if (!near) {
      near = new Map();
      const known =
        kind === 'asset' ? [...this.idx.assets.keys(), NUMERAIRE] : kind === 'oracle' ? this.idx.oracles.keys() : this.idx.nodes.keys();
      for (const k of known) if (!near.has(squash(k))) near.set(squash(k), k);
      this.near.set(kind, near);
    }
    const k = near.get(squash(id));
    return k === undefined ? '' : `; did you mean ${k}?`;
  }
}

function squash(s: string): string {
  return s.toLowerCase().replace(/\s+/g, '');
}

