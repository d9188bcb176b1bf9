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
const read = (file) => JSON.parse(fs.readFileSync(path.join(root, file), "utf8"));
const out = input.queries.map((query) => {
  let terms = engine.queryTerms(query, meta.synonyms,meta.absent);
  const load = (list) => {
    for (const shard of engine.shardsFor(list, meta))
      if (!tables[shard]) tables[shard] = read(path.join("s", shard + ".json"));
  };
  load(terms);
  const missing = engine.missingWords(terms, meta, tables);
  if (missing.length && meta.sounds) {  // as the page does: the handbook's words that sound alike
    const readings = engine.readingsOf(read("py.json")), soundTables = {};
    for (const shard of engine.soundShardsFor(missing, readings, meta)) soundTables[shard] = read(path.join("y", shard + ".json"));
    const alikes = engine.soundAlikes(missing, readings, soundTables, meta);
    load(alikes);
    terms = terms.concat(alikes);
  }
  return engine.rank(terms, meta, tables).slice(0, 10).map((hit) => meta.pages[hit.page][0]);
});
process.stdout.write(JSON.stringify(out));
