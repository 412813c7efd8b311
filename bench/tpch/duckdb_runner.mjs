// duckdb_runner.mjs — the DuckDB side of bench/tpch/run (not a test).
//
// An in-memory DuckDB (through @duckdb/node-api, installed into
// bench/tpch/node_modules by `npm install` from bench/tpch/package.json)
// driven by the runner over stdin/stdout, one JSON object per line each way:
//
//   {"cmd":"exec","sql":"..."}                       -> {"ok":true,"ms":..}
//   {"cmd":"load","table":"t","file":"/x/t.tbl","columns":[["c","TYPE"],..]}
//                                                    -> {"ok":true,"ms":..,"rows":N}
//   {"cmd":"query","sql":["stmt",..]}                -> {"ok":true,"ms":..,"rows":N}
//   {"cmd":"quit"}
//
// Failures answer {"ok":false,"error":"..."}. Times are measured here, around
// the calls, with performance.now(); a query's rows are all materialized
// (runAndReadAll), as a client reading the whole result would.
//
//   node duckdb_runner.mjs [--threads N]
import { DuckDBInstance } from '@duckdb/node-api';
import { createInterface } from 'node:readline';

const args = process.argv.slice(2);
const opts = {};
const ti = args.indexOf('--threads');
if (ti >= 0) opts.threads = String(args[ti + 1]);

const instance = await DuckDBInstance.create(':memory:', opts);
const conn = await instance.connect();

function reply(obj) { process.stdout.write(JSON.stringify(obj) + '\n'); }

function quoteIdent(s) { return '"' + s.replace(/"/g, '""') + '"'; }
function quoteLit(s) { return "'" + s.replace(/'/g, "''") + "'"; }

async function handle(msg) {
  const t0 = performance.now();
  switch (msg.cmd) {
    case 'exec': {
      await conn.run(msg.sql);
      return { ok: true, ms: performance.now() - t0 };
    }
    case 'load': {
      // .tbl lines end in '|': one more (empty) column, left out of the insert
      const cols = msg.columns.map(([n, t]) => `${quoteLit(n)}: ${quoteLit(t)}`);
      cols.push(`'trailing_empty': 'VARCHAR'`);
      const names = msg.columns.map(([n]) => quoteIdent(n)).join(', ');
      const sql = `INSERT INTO ${quoteIdent(msg.table)} SELECT ${names} FROM read_csv(` +
        `${quoteLit(msg.file)}, delim = '|', header = false, quote = '', escape = '', ` +
        `columns = {${cols.join(', ')}})`;
      await conn.run(sql);
      const r = await conn.runAndReadAll(`SELECT count(*) FROM ${quoteIdent(msg.table)}`);
      return { ok: true, ms: performance.now() - t0, rows: Number(r.getRows()[0][0]) };
    }
    case 'query': {
      let rows = 0;
      for (const stmt of msg.sql) {
        const r = await conn.runAndReadAll(stmt);
        // the rows of the query itself, not of q15's CREATE/DROP VIEW
        if (/^\s*(select|with)\b/i.test(stmt)) rows = r.currentRowCount;
      }
      return { ok: true, ms: performance.now() - t0, rows };
    }
    case 'version': {
      const r = await conn.runAndReadAll('SELECT version()');
      return { ok: true, version: String(r.getRows()[0][0]) };
    }
    default:
      return { ok: false, error: `unknown command ${msg.cmd}` };
  }
}

const rl = createInterface({ input: process.stdin, terminal: false });
for await (const line of rl) {
  if (!line.trim()) continue;
  const msg = JSON.parse(line);
  if (msg.cmd === 'quit') break;
  try {
    reply(await handle(msg));
  } catch (e) {
    reply({ ok: false, error: String(e && e.message ? e.message : e) });
  }
}
conn.closeSync();
instance.closeSync();
