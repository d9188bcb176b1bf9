/* Ranks queries against a built site's search/hb/ index in Node, as docs/assets/hb-search.js does in
   the browser (the same functions): stdin {site, queries: [..]} → stdout [[page url, …] per query].
   Used by benchmarks/search_eval.py --node, which is fast enough to run after every change. */
"use strict";
const fs = require("fs");
const path = require("path");
const engine = require(path.join(__dirname, "..", "docs", "assets", "hb-search.js"));

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const root = path.join(input.site, "search", "hb");
const meta = JSON.parse(fs.readFileSync(path.join(root, "meta.json"), "utf8"));
const tables = {};
const out = input.queries.map((query) => {
  const terms = engine.queryTerms(query, meta.synonyms);
  for (const shard of engine.shardsFor(terms, meta))
    if (!tables[shard]) tables[shard] = JSON.parse(fs.readFileSync(path.join(root, "s", shard + ".json"), "utf8"));
  return engine.rank(terms, meta, tables).slice(0, 10).map((hit) => meta.pages[hit.page][0]);
});
process.stdout.write(JSON.stringify(out));
