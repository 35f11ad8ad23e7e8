import { LiquidationIndex } from './liquidation-index';
import type { SimModel } from './model';
import { Valuation } from './valuation';

/**
 * Everything derived once from a workspace and reused by every run on it: the model's typed
 * arrays, the liquidation index and the valuation books. Runs reset their per-run parts.
 */
export interface CompiledWorkspace {
  model: SimModel;
  index: LiquidationIndex;
  valuation: Valuation;
  /** Holdings of owner o: [holdingStart[o], holdingStart[o+1]) (holdings are sorted by owner). */
  holdingStart: Int32Array;
  /** Backing rows of asset a: [backingStart[a], backingStart[a+1]). */
  backingStart: Int32Array;
  /** 1 + the largest delay_steps + heartbeat_steps of any oracle (MODEL §4.8). */
  quietSteps: number;
}

export function prepare(model: SimModel): CompiledWorkspace {
  let quiet = 0;
  for (let o = 0; o < model.oracleIds.length; o++) {
    quiet = Math.max(quiet, (model.oracleDelay[o] as number) + (model.oracleHeartbeat[o] as number));
  }
  return {
    model,
    index: new LiquidationIndex(model),
    valuation: new Valuation(model),
    holdingStart: starts(model.nodeIds.length, model.holdingOwner),
    backingStart: starts(model.assetIds.length, model.backingAsset),
    quietSteps: 1 + quiet,
  };
}

/** Start offsets of each key in an array sorted by key. */
function starts(nKeys: number, sortedKeys: Int32Array): Int32Array {
  const s = new Int32Array(nKeys + 1);
  for (let i = 0; i < sortedKeys.length; i++) s[(sortedKeys[i] as number) + 1] = (s[(sortedKeys[i] as number) + 1] as number) + 1;
  for (let k = 0; k < nKeys; k++) s[k + 1] = (s[k + 1] as number) + (s[k] as number);
  return s;
}
