import { DEFAULT_OPTIONS, DEFAULT_STEPS, EVENT_TYPES, type EventType } from '../scenario/scenario';
import { FORMAT_NAMES, MAX_FILE_BYTES, MAX_ROWS, type FileFormat } from '../workspace/formats';
import { NUMERAIRE, SCHEMA, TABLE_NAMES, describeRange, type ColumnSpec, type TableName } from '../workspace/schema';
import { MAPPING_EXAMPLE, SCENARIO_EXAMPLE, TABLE_EXAMPLES } from './docs-format-examples';

/**
 * docs/data-formats.md, generated from the schema constants the validator uses (SCHEMA, the
 * event types, the default options, the file limits), so the reference cannot drift from the
 * code: `node scripts/gen-docs.mjs` writes it and test/library/docs.test.ts compares.
 */
export function dataFormatsDoc(): string {
  const L: string[] = [];
  L.push('<!-- Generated from engine/workspace/schema.ts by `node scripts/gen-docs.mjs` (source: engine/node/docs-format.ts). Do not edit by hand. -->', '');
  L.push('# Data formats', '');
  L.push(
    'A **workspace** is a set of named tables: the tokens and their market depth, the nodes (funds, treasuries, market makers, lending protocols, exchanges, perp venues), the price feeds, the leveraged positions, the holdings and the obligations between nodes. A **scenario** is a JSON document of events over steps. This page lists every table and column the engine reads, with units, ranges and defaults, then the scenario format. The model that runs on them is described in [the model](model.md).',
    '',
  );
  L.push('## Files', '');
  L.push(
    '- A workspace is **a folder** with one file per table, named after the table (`assets.csv`, `Positions.CSV`, `nodes.json`, `perps.parquet`…), **one Excel workbook** with a sheet per table named after it, or **one JSON document** `{ "assets": [...], "nodes": [...], … }`.',
    '- Formats: CSV (delimiter `,` `;` tab or `|`, detected; UTF-8 with or without BOM, or UTF-16 with its BOM, as Excel saves "Unicode Text"; quoted fields may hold delimiters, quotes and line breaks; a point as the decimal separator), JSON (an array of row objects), Arrow IPC (`.arrow`, `.feather`, `.arrows`), Parquet (in both, number columns as integers, floats, decimals or text; a column of nulls only, as pandas writes an all-empty one, is empty) and Excel `.xlsx` (cells are read as stored: a formula by its last calculated result — a formula the saving program never calculated is refused — and a date in a number column is refused rather than read as its day count).',
    '- Column names match case-insensitively after trimming. Columns the engine does not know are kept (as text: a date as `2024-01-05`, a timestamp in ISO 8601, a number as its shortest decimal) and reported as a warning; a date in an Excel text column is read as the date the sheet shows. An empty cell of an optional column takes its default.',
    `- Ids are non-empty text, unique within their table (in JSON an id may be a number: a whole number past 2^53, which a JSON number cannot hold digit for digit, is refused — write such ids in quotes). An id or a reference stored as a boolean — an Arrow or Parquet column of type Bool (or a dictionary of Bool values, as pandas writes a categorical of booleans), a JSON \`true\`/\`false\`, an Excel TRUE/FALSE cell — is refused naming its column (and row): it would read as the id "true" or "false". Asset ids and node ids share one namespace: an id may not be both. \`${NUMERAIRE}\` is the numéraire (price 1, never shocked, no pool); it need not be listed in \`assets\`.`,
    '- A table that breaks a rule is rejected whole, with every problem listed as table, row, column, value and rule. Rows are counted as you find them: the line number for CSV (the header is line 1), the sheet row for Excel, the 1-based record number for JSON, Arrow and Parquet. A failed import changes nothing already loaded.',
    '',
  );
  L.push('Largest file read per format:', '', '| format | largest file |', '|---|---|');
  for (const f of Object.keys(MAX_FILE_BYTES) as FileFormat[]) L.push(`| ${FORMAT_NAMES[f]} | ${bytes(MAX_FILE_BYTES[f])} |`);
  L.push('', `A table holds at most ${MAX_ROWS.toLocaleString('en-US')} rows.`, '');

  L.push('## Templates', '');
  L.push(
    '`firebreak template <dir>` writes an empty CSV per table (its header line) in `<dir>/csv/` and one workbook `<dir>/workspace-template.xlsx` with a sheet per table (header row; a note on each column with its unit, range and default; a drop-down for enumerated columns) and a README sheet describing every column — generated from the same constants as this page. Fill either and check it with `firebreak validate <dir>/csv` or `firebreak validate <dir>/workspace-template.xlsx`. See [the command line](cli.md#template).',
    '',
  );
  L.push('## Your own column names', '');
  L.push(
    'Exports from other systems rarely use these names. `firebreak map <file> --table positions` prints the mapping the engine suggests (normalised names, a list of synonyms, the types of the values) and which model columns it matched, guessed or could not find. Save it, correct it, and pass it to `run` or `validate` with `--map mapping.json`:',
    '',
    '```json',
    JSON.stringify(MAPPING_EXAMPLE, null, 2),
    '```',
    '',
    'Each table maps a model column to the column of your file that holds it; `tables` says which table a file (or a sheet, `book.xlsx#Sheet`) holds when its name does not. A mapping overrides the suggestion: here a `Counterparty` column, which the engine reads as a position\'s `venue` (for a leveraged position the counterparty is usually the lender), is the borrower in this export.',
    '',
  );

  L.push('## Tables', '', '| table | required | what it holds |', '|---|---|---|');
  for (const t of TABLE_NAMES) L.push(`| [\`${t}\`](#${t}) | ${SCHEMA[t].required ? 'yes' : 'no'} | ${SCHEMA[t].description} |`);
  L.push('');
  for (const t of TABLE_NAMES) tableSection(L, t);

  scenarioSection(L);
  return `${L.join('\n')}\n`;
}

function tableSection(L: string[], t: TableName): void {
  const spec = SCHEMA[t];
  L.push(`### ${t}`, '', `${spec.description} ${spec.required ? 'Required.' : 'Optional.'}`, '');
  L.push('| column | required | type | unit | range | default | description |', '|---|---|---|---|---|---|---|');
  for (const c of spec.columns) {
    const cells = [`\`${c.name}\``, c.required ? 'yes' : 'no', typeText(c), c.unit, rangeText(c), defaultText(c), c.description];
    L.push(`| ${cells.map(cell).join(' | ')} |`);
  }
  L.push('', ...(TABLE_NOTES[t] ?? []).map((n) => `- ${n}`));
  if (TABLE_NOTES[t]) L.push('');
  L.push('Example:', '', '```csv', TABLE_EXAMPLES[t], '```', '');
}

const TABLE_NOTES: Partial<Record<TableName, readonly string[]>> = {
  assets: ['Without `depth_usd` a token has no price impact: forced sales do not move it. The pool reserve is `depth_usd / price` units; see [calibrating depth](model.md#calibrating-depth).'],
  nodes: [
    'A venue is a node that lends against positions and liquidates them: a lending protocol, an exchange with a margin book, a perp venue, a crypto lender with collateralized loans. An exchange that keeps its clients\' tokens holds them (`holdings`) and owes them back (`custody` obligations).',
    '`external_assets_usd` also holds loans to parties outside the workspace and anything else you cannot list; an external loss in a scenario reduces it.',
  ],
  oracles: ['A feed reads the market price of `delay_steps` steps ago and reports it when it moved by more than `deviation` or `heartbeat_steps` steps have passed; see [calibrating oracles](model.md#calibrating-oracles).'],
  feeds: ["The oracle must report the row's asset. A venue without a feed for an asset reads its market price."],
  positions: ['Every reference must name an existing id of the right kind: `owner` any node, `venue` a node of kind venue, the assets listed assets (or USD).'],
  perps: [
    'Converted to positions on import: a long holds `size` units of the asset as collateral and owes `size·entry_price − margin_usd` USD (0 when the margin exceeds the notional), threshold `1 − maintenance_margin`; a short holds `size·entry_price + margin_usd` USD and owes `size` units, threshold `1/(1 + maintenance_margin)`. Both get bonus 0 and close factor 1, and are liquidated exactly when equity falls below `maintenance_margin × notional`.',
    'A perp id must not clash with a position id.',
  ],
  holdings: ['Tokens kept at an exchange are not holdings of their owner: they are a `custody` obligation of the exchange, and the exchange holds the tokens.'],
  obligations: ['Valued at the market price of `asset`. The creditors of a node that cannot pay are paid in proportion to what they are owed (Eisenberg–Noe clearing).'],
  backing: ['The backing factor of an asset is `B = 1 − Σ share·(1 − recovery of the backer)`, clamped to [0, 1]: when a backer defaults, the asset reprices to what its reserves recover.'],
};

/** A table cell: a pipe inside it would end the cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function typeText(c: ColumnSpec): string {
  switch (c.type.kind) {
    case 'id':
      return 'id';
    case 'ref':
      return c.type.to === 'venue' ? 'id of a venue node' : c.type.to === 'asset' ? `id of an asset (or ${NUMERAIRE})` : `id of a ${c.type.to}`;
    case 'enum':
      return c.type.values.map((v) => `\`${v}\``).join(' or ');
    case 'number':
      return c.type.integer ? 'whole number' : 'number';
    case 'text':
      return 'text';
  }
}

function rangeText(c: ColumnSpec): string {
  return c.type.kind === 'number' ? describeRange(c.type) : '';
}

function defaultText(c: ColumnSpec): string {
  if (c.required) return '—';
  return c.default === undefined ? 'empty' : `\`${c.default}\``;
}

function bytes(n: number): string {
  const gib = n / 1024 ** 3;
  return gib >= 1 ? `${Math.round(gib * 10) / 10} GiB` : `${Math.round(n / 1024 ** 2)} MiB`;
}

const EVENT_DOCS: Readonly<Record<EventType, { fields: string; effect: string }>> = {
  price_shock: { fields: '`asset`, `change` (> −1), `at`', effect: 'the fundamental price × (1 + change)' },
  depth_change: { fields: '`asset`, `factor` (> 0), `at`', effect: "the asset's pool depth × factor (liquidity withdrawn or added)" },
  oracle_freeze: { fields: '`oracle`, `from`, `to`', effect: 'the oracle keeps its last reported price' },
  oracle_override: { fields: '`oracle`, `price` or `change`, `from`, `to`', effect: 'the oracle reports `price`, or its honest candidate × (1 + change): a manipulated or broken feed' },
  venue_outage: { fields: '`venue`, `from`, `to`', effect: 'the venue runs no liquidations' },
  external_loss: { fields: '`node`, `amount_usd` or `fraction`, `at`', effect: "the node's external assets fall by the amount, or by that fraction of what they are at that step (hack, exploit, fraud)" },
};

function scenarioSection(L: string[]): void {
  L.push('## Scenarios', '');
  L.push(
    `A scenario is a JSON document: \`name\`, \`description\`, \`steps\` (the horizon, a whole number ≥ 1, default ${DEFAULT_STEPS}), \`events\`, \`options\`, and optional storyboard \`notes\` (\`[{ "step": 3, "text": "…" }]\`, shown step by step in presentation mode). Steps count from 0; \`at\` is a step, \`from\`…\`to\` an inclusive range of steps. A scenario that names an unknown id, has \`to < from\`, a step outside 0…steps−1 or a field its event does not have is rejected with the event's index and field.`,
    '',
    '| event | fields | effect |',
    '|---|---|---|',
  );
  for (const t of EVENT_TYPES) L.push(`| \`${t}\` | ${EVENT_DOCS[t].fields} | ${EVENT_DOCS[t].effect} |`);
  L.push('', '| option | default | meaning |', '|---|---|---|');
  for (const [k, v] of Object.entries(DEFAULT_OPTIONS)) L.push(`| \`${k}\` | \`${String(v)}\` | ${OPTION_DOCS[k as keyof typeof DEFAULT_OPTIONS]} |`);
  L.push('', 'Example, for the example workspace above:', '', '```json', JSON.stringify(SCENARIO_EXAMPLE, null, 2), '```', '');
}

const OPTION_DOCS: Readonly<Record<keyof typeof DEFAULT_OPTIONS, string>> = {
  fire_sale_on_default: 'a node that defaulted sells all its tokens the next step',
  halt_venue_on_default: 'a venue that defaulted runs no more liquidations',
  liquidator_profit_check: 'a liquidation happens only if the liquidator does not lose at market prices',
  max_iterations_clearing: 'most iterations of the clearing of one step',
  tolerance: 'precision of the clearing and of the fixed point',
};
