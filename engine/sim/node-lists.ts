/** The indices flagged nonzero, ascending. */
export function flaggedNodes(flag: Uint8Array): Int32Array {
  let n = 0;
  for (let i = 0; i < flag.length; i++) n += flag[i] ? 1 : 0;
  const out = new Int32Array(n);
  for (let i = 0, k = 0; i < flag.length; i++) if (flag[i]) out[k++] = i;
  return out;
}

/**
 * The nodes that owe on some obligation row, ascending: the only ones that can pay less than
 * they owe or default; every other node owes 0, pays 0 and recovers 1 (MODEL §4.6).
 */
export function debtorsOf(debtor: Int32Array, nodes: number): Int32Array {
  const owes = new Uint8Array(nodes);
  for (let k = 0; k < debtor.length; k++) owes[debtor[k] as number] = 1;
  return flaggedNodes(owes);
}
