/* The handbook's search (issue #30): queries the index that macros/search_index.py writes into
   search/hb/ and shows ranked pages in the header's search dialog. hb-search-on-demand.js loads
   this file when a reader starts a search; nothing here runs on a page nobody searches.

   How a query is matched, so that it survives wording nobody tuned it for:
   - a query is cut into the index's terms: pairs of neighbouring Chinese characters (bigrams),
     single characters (weak, so that any word of the handbook finds something) and Latin words
     (a prefix of three letters or more matches longer words: incoterm → incoterms);
   - the browser's word segmenter only weighs the bigrams: inside a word they count fully, across
     two words a little; question words (怎么, 什么, 吗 …) count only in a query made of nothing else;
   - a word of a synonym group (includes/glossary/synonyms.txt) brings the group's other words,
     weakly when the word is in the handbook, fully when no page uses it;
   - a typed word no page holds is perhaps an input method's slip (寻盘): the handbook's words of
     the same sound that share a character with it are searched too (py.json, y/);
   - rare terms weigh more (idf), titles, the questions a page declares it answers and headings
     more than body text (in the index), a page that holds more of the query more, trainer pages
     (trainers/) less: they win only when no reader page answers as well. */
(function () {
  "use strict";

  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  var HAN_CHAR = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  var LATIN = /[a-z0-9]+(?:\/[a-z0-9]+)*/g;
  /* Words that make a question a question, not its topic */
  var QUESTION = new Set(("请问 我 我的 我们 你 你们 他 她 是 是不是 谁 在 哪 哪里 哪儿 哪些 什么 啥 怎么 怎样 咋 " +
    "怎么样 如何 为什么 多久 多少 几 吗 呢 吧 啊 呀 了 的 得 要 要不要 能 能不能 会 会不会 该 应该 可以 " +
    "有 有没有 没有 和 与 或 也 都 就 还 把 被 给 对 一下 做 干 找 问 办 怎么办 一般 什么样 到底 时候 几天 几个 " +
    "多大 多长 多高 哪个 一些 为啥 最好 需要 必须 应该 关于 这个 那个 这样 那样 告诉 知道 想 想要 请").split(" "));
  /* English words that say nothing of a topic (request for quotation: request, quotation) */
  var FILLER = new Set("a an the of for to in on at by and or is are be it its this that with from as how what do does can my your".split(" "));
  /* What a question word asks about, as words a page that answers it would use (什么时候 → 时机):
     the question word itself says nothing of the topic, its meaning does */
  var ASKS = [
    [["什么时候", "何时", "几时", "多久", "多长时间"], ["时间", "时机"]],
  ];
  var WEIGHT = { word: 1, across: 0.6, single: 0.3, character: 0.08, synonym: 0.4, standIn: 1, asks: 0.25, sound: 0.8 };
  /* title, heading, body: field weights; saturation, lengthWeight: BM25's k and b; trainer: the
     factor of trainer pages; coverage: the power of the share of the query a page holds; section:
     the weight of the best section (terms that meet in one section) */
  var RANK = { title: 5, description: 1, questions: 2, heading: 2, body: 1, saturation: 4, lengthWeight: 0.75, trainer: 0.55,
    coverage: 1.5, section: 0 };

  function normalize(text) {
    return String(text).normalize("NFKC").toLowerCase().replace(/\u200b/g, "");
  }

  /* Same as bucket in macros/search_index.py: the sum of the key's character codes, modulo */
  function bucket(key, count) {
    var sum = 0;
    for (var i = 0; i < key.length; i++) sum += key.charCodeAt(i);
    return sum % count;
  }

  /* Same as shard_of in macros/search_index.py */
  function shardOf(term, shards) {
    return bucket(HAN_CHAR.test(term.charAt(0)) ? term.charAt(0) : term.slice(0, 2), shards);
  }

  function segmentWords(run) {
    if (typeof Intl === "object" && Intl.Segmenter) {
      var segmenter = segmentWords.cached || (segmentWords.cached = new Intl.Segmenter("zh", { granularity: "word" }));
      return Array.from(segmenter.segment(run), function (part) { return part.segment; });
    }
    return run.length <= 2 ? [run] : Array.from({ length: Math.ceil(run.length / 2) }, function (_, i) {
      return run.slice(i * 2, i * 2 + 2);
    });
  }

  /* A word made only of question words (什么时候 = 什么 + 时候) is one too */
  function isQuestion(word) {
    if (QUESTION.has(word)) return true;
    var can = [true];
    for (var end = 1; end <= word.length; end++) {
      can[end] = false;
      for (var start = 0; start < end && !can[end]; start++)
        can[end] = can[start] && QUESTION.has(word.slice(start, end));
    }
    return can[word.length];
  }

  /* Cut question phrases of two characters or more out of a run before the segmenter sees it, so
     they cannot stick to a topic word (工单是什么: the segmenter cuts 工|单是|什么) */
  function splitQuestions(run) {
    var pieces = [], pending = "", i = 0;
    while (i < run.length) {
      var end = 0;
      for (var j = Math.min(run.length, i + 6); j > i + 1 && !end; j--) if (isQuestion(run.slice(i, j))) end = j;
      if (end) {
        if (pending) pieces.push(pending);
        pieces.push(run.slice(i, end));
        pending = "";
        i = end;
      } else pending += run.charAt(i++);
    }
    if (pending) pieces.push(pending);
    return pieces;
  }

  /* The segmenter cuts a word it does not know (储物柜, 能者为师) into single characters: join a row
     of them back into one word, unless one is a question word */
  function joinSingles(words) {
    var out = [];
    words.forEach(function (word) {
      var last = out[out.length - 1];
      var single = word.length === 1 && !isQuestion(word);
      if (single && last && last.single) last.word += word;
      else out.push({ word: word, single: single });
    });
    return out.map(function (item) { return item.word; });
  }

  /* Terms of a query with their weights: [{term, weight, prefix}], each term once (its best weight) */
  function queryTerms(query, synonyms, absent) {
    var text = normalize(query), found = new Map();
    function add(term, weight, prefix, typed) {
      var old = found.get(term);
      if (!old || old.weight < weight) found.set(term, { term: term, weight: weight, prefix: !!prefix, typed: !!typed });
    }
    function cut(piece, factor) {
      (piece.match(HAN) || []).forEach(function (run) {
        var words = [];
        splitQuestions(run).forEach(function (piece) {
          words = words.concat(isQuestion(piece) ? [piece] : joinSingles(segmentWords(piece)));
        });
        var onlyQuestion = words.every(isQuestion);
        words.forEach(function (word, i) {
          var next = words[i + 1];
          if (isQuestion(word) && !onlyQuestion) return;  // a question's words say nothing of its topic
          for (var c = 0; c < word.length; c++) add(word.charAt(c), WEIGHT.character * factor);
          if (word.length === 1) add(word, WEIGHT.single * factor);
          for (var b = 0; b + 1 < word.length; b++) add(word.slice(b, b + 2), WEIGHT.word * factor, false, factor === 1);
          /* across two words; a character left on its own beside a word is perhaps a slip (试用|其) */
          if (next && (onlyQuestion || !isQuestion(next)))
            add(word.slice(-1) + next.charAt(0), WEIGHT.across * factor, false, factor === 1 && (word.length === 1 || next.length === 1));
        });
      });
      var latin = piece.match(LATIN) || [], onlyFiller = latin.every(function (word) { return FILLER.has(word); });
      latin.forEach(function (word) {
        if ((word.length > 1 || /\d/.test(word)) && (onlyFiller || !FILLER.has(word))) add(word, factor, word.length >= 3);
      });
    }
    cut(text, 1);
    ASKS.forEach(function (row) {
      if (row[0].some(function (word) { return text.indexOf(word) >= 0; }))
        row[1].forEach(function (word) { if (text.indexOf(word) < 0) cut(word, WEIGHT.asks); });
    });
    var unused = new Set(absent || []);
    (synonyms || []).forEach(function (group) {
      var hits = group.filter(function (word) { return contains(text, word); });
      if (!hits.length) return;
      /* a word no page uses leads nowhere by itself: its group's words stand in for it */
      var weight = hits.every(function (word) { return unused.has(word); }) ? WEIGHT.standIn : WEIGHT.synonym;
      group.forEach(function (word) { if (!contains(text, word)) cut(word, weight); });
    });
    return Array.from(found.values());
  }

  /* A Latin word matches whole words only (tm is not in html); Chinese anywhere; a phrase's spaces
     match any spacing (follow up, follow  up) */
  function contains(text, word) {
    if (/\s/.test(word)) {
      text = text.replace(/\s+/g, " ");
      word = word.replace(/\s+/g, " ");
    }
    var at = text.indexOf(word);
    if (at < 0) return false;
    if (HAN_CHAR.test(word)) return true;
    var before = text.charAt(at - 1), after = text.charAt(at + word.length);
    return !/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after);
  }

  /* A posting's weight packs body occurrences (0-15), headings (16 each, up to 3) and the title (64),
     as macros/search_index.py writes it.
     `norm`: the page's length over the mean (BM25's b): a long page needs more mentions */
  function fieldGain(weight, norm) {
    var body = weight & 7, asked = weight >> 3 & 1, headings = (weight >> 4) & 3, title = weight >> 6 & 1, summary = weight >> 7;
    return RANK.title * title + RANK.description * summary + RANK.questions * asked + (headings ? RANK.heading * (1 + (headings - 1) / 4) : 0) +
      RANK.body * body / (body + RANK.saturation * norm);
  }

  /* Ranked pages for the terms, given the shards they live in (shard number -> table):
     [{page, score, section}] best first */
  function rank(terms, meta, tables) {
    var pages = meta.pages, count = pages.length, mean = 0;
    pages.forEach(function (page) { mean += page[3] / count; });
    var norm = pages.map(function (page) { return 1 - RANK.lengthWeight + RANK.lengthWeight * page[3] / mean; });
    var score = new Map(), mass = new Map(), votes = new Map(), total = 0;
    terms.forEach(function (item) {
      var table = tables[shardOf(item.term, meta.shards)] || {}, lists = [];
      if (table[item.term]) lists.push(table[item.term]);
      if (item.prefix) Object.keys(table).forEach(function (key) {
        if (key !== item.term && key.indexOf(item.term) === 0) lists.push(table[key]);
      });
      if (!lists.length) return;
      var best = new Map(), df = 0;
      lists.forEach(function (list) {
        df = Math.max(df, list[0]);
        for (var i = 1; i < list.length; i++) {  // page << 16 | weight << 8 | section
          var page = Math.floor(list[i] / 65536), weight = list[i] >> 8 & 255, old = best.get(page);
          if (!old || old[0] < weight) best.set(page, [weight, list[i] & 255]);
        }
      });
      var idf = Math.log(1 + count / df), value = item.weight * idf;
      total += value;
      best.forEach(function (entry, page) {
        var gain = value * fieldGain(entry[0], norm[page]);
        score.set(page, (score.get(page) || 0) + gain);
        mass.set(page, (mass.get(page) || 0) + value);
        var pageVotes = votes.get(page) || new Map();
        pageVotes.set(entry[1], (pageVotes.get(entry[1]) || 0) + gain);
        votes.set(page, pageVotes);
      });
    });
    var ranked = [];
    score.forEach(function (value, page) {
      var coverage = mass.get(page) / total, section = 0, top = -1;
      votes.get(page).forEach(function (gain, number) { if (gain > top) { top = gain; section = number; } });
      ranked.push({
        page: page, section: section,
        score: (value + RANK.section * top) * Math.pow(coverage, RANK.coverage) *
          (pages[page][2] ? RANK.trainer : 1),
      });
    });
    return ranked.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
  }

  /* Bigrams of the typed words that no page holds: perhaps an input method's slip (寻盘 for 询盘) */
  function missingWords(terms, meta, tables) {
    return terms.filter(function (item) {
      return item.typed && !(tables[shardOf(item.term, meta.shards)] || {})[item.term];
    });
  }

  /* py.json (reading -> its characters) turned round: character -> its readings */
  function readingsOf(byReading) {
    var readings = {};
    Object.keys(byReading).forEach(function (reading) {
      Array.from(byReading[reading]).forEach(function (char) { (readings[char] = readings[char] || []).push(reading); });
    });
    return readings;
  }

  /* Same as sound_key and sound_shard in macros/search_index.py; `readings` from readingsOf */
  function soundKeys(bigram, readings) {
    var first = readings[bigram.charAt(0)] || [], second = readings[bigram.charAt(1)] || [], keys = [];
    first.forEach(function (a) { second.forEach(function (b) { keys.push(a + " " + b); }); });
    return keys;
  }
  function soundShard(key, shards) {
    return bucket(key, shards);
  }

  /* The handbook's bigrams that sound like a missing one and share one of its characters (a slip
     changes one character): terms at WEIGHT.sound of the missing one's weight */
  function soundAlikes(missing, readings, soundTables, meta) {
    var out = [];
    missing.forEach(function (item) {
      soundKeys(item.term, readings).forEach(function (key) {
        ((soundTables[soundShard(key, meta.sounds)] || {})[key] || []).forEach(function (bigram) {
          if (bigram !== item.term && (bigram.charAt(0) === item.term.charAt(0) || bigram.charAt(1) === item.term.charAt(1)) &&
              !out.some(function (old) { return old.term === bigram; }))
            out.push({ term: bigram, weight: item.weight * WEIGHT.sound, prefix: false, typed: false, from: item.term });
        });
      });
    });
    return out;
  }
  function soundShardsFor(missing, readings, meta) {
    var shards = new Set();
    missing.forEach(function (item) {
      soundKeys(item.term, readings).forEach(function (key) { shards.add(soundShard(key, meta.sounds)); });
    });
    return Array.from(shards);
  }

  /* The query as the handbook spells it: each missing bigram replaced by its commonest sound-alike
     (拍班表 → 排班表), or "" when no word was replaced. Shown beside the results, so a reader sees
     what was searched for. */
  function respell(query, alikes, meta, tables) {
    var best = new Map();
    alikes.forEach(function (item) {
      var list = (tables[shardOf(item.term, meta.shards)] || {})[item.term], df = list ? list[0] : 0, old = best.get(item.from);
      if (df && (!old || old.df < df)) best.set(item.from, { term: item.term, df: df });
    });
    var text = String(query).trim(), changed = false;
    best.forEach(function (alike, from) {
      if (text.indexOf(from) >= 0) { text = text.replace(from, alike.term); changed = true; }
    });
    return changed ? text : "";
  }

  /* The shards a query needs */
  function shardsFor(terms, meta) {
    return Array.from(new Set(terms.map(function (item) { return shardOf(item.term, meta.shards); })));
  }

  /* Spans of `text` to highlight: the query's words and bigrams found in it, joined where they
     touch, so a word is marked whole (询盘, never 询 + 盘) */
  function highlights(text, terms) {
    var lower = normalize(text), marked = new Uint8Array(text.length), spans = [];
    if (lower.length !== text.length) return spans;  // NFKC changed the length: leave it unmarked
    terms.forEach(function (item) {
      if (item.term.length < 2 || item.weight < WEIGHT.across) return;
      for (var at = lower.indexOf(item.term); at >= 0; at = lower.indexOf(item.term, at + 1))
        for (var i = at; i < at + item.term.length; i++) marked[i] = 1;
    });
    for (var i = 0; i < marked.length; i++)
      if (marked[i] && (i === 0 || !marked[i - 1])) spans.push([i, i]);
      else if (marked[i]) spans[spans.length - 1][1] = i;
    return spans.map(function (span) { return [span[0], span[1] + 1]; });
  }

  /* A window of the text around its first highlight */
  function excerpt(text, spans, size) {
    var start = spans.length ? Math.max(0, spans[0][0] - Math.floor(size / 4)) : 0;
    return { start: start, end: Math.min(text.length, start + size) };
  }

  var engine = {
    RANK: RANK, WEIGHT: WEIGHT, normalize: normalize, queryTerms: queryTerms, rank: rank, shardsFor: shardsFor,
    missingWords: missingWords, respell: respell, readingsOf: readingsOf, soundKeys: soundKeys, soundShard: soundShard, soundShardsFor: soundShardsFor,
    soundAlikes: soundAlikes,
    shardOf: shardOf, highlights: highlights, excerpt: excerpt,
  };
  if (typeof module === "object" && module.exports) { module.exports = engine; return; }  // Node: tests, benchmarks

  /* ---- In the page: the search dialog of overrides/partials/search.html ---- */
  var root = document.querySelector("[data-hb-search]");
  if (!root) return;
  var input = root.querySelector("[data-hb-search-input]"), list = root.querySelector(".md-search-result__list"),
    status = root.querySelector("[data-hb-search-status]"), meta = root.querySelector("[data-hb-search-meta]"),
    toggle = document.getElementById("__search"), base = new URL("..", document.currentScript.src),
    files = {}, index = null, asked = 0, MAX_RESULTS = 10, SNIPPET = 90;

  function fetchJSON(path) {
    if (!files[path]) files[path] = fetch(new URL("search/hb/" + path, base)).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + path);
      return response.json();
    }).catch(function (error) { delete files[path]; throw error; });
    return files[path];
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function marked(parent, text, terms) {
    var spans = highlights(text, terms), window = excerpt(text, spans, SNIPPET), at = window.start;
    if (window.start > 0) parent.append("…");
    spans.forEach(function (span) {
      var from = Math.max(span[0], at), to = Math.min(span[1], window.end);
      if (from >= to) return;
      parent.append(text.slice(at, from), element("mark", "", text.slice(from, to)));
      at = to;
    });
    parent.append(text.slice(at, window.end));
    if (window.end < text.length) parent.append("…");
    return parent;
  }

  function show(text, state) {
    meta.textContent = text;
    status.dataset.hbSearchStatus = state;
  }

  /* The pages to offer when nothing matches: the FAQ and the glossary */
  function fallback(message) {
    show(message, "done");
    [["onboarding/faq/", "新员工常见问题（FAQ）"], ["glossary/", "术语表"]].forEach(function (page) {
      var item = element("li", "md-search-result__item"), link = element("a", "md-search-result__link");
      link.href = new URL(page[0], base).href;
      link.setAttribute("data-hb-search-result", "");
      link.append(element("article", "md-search-result__article md-typeset hb-search-hit", ""));
      link.firstChild.append(element("div", "hb-search-title", page[1]));
      item.append(link);
      list.append(item);
    });
  }

  function render(hits, terms, exact, respelled) {
    list.textContent = "";
    if (!hits.length) return fallback("没有找到符合条件的结果。可以看看常见问题或术语表：");
    show((exact ? "找到 " + hits.length + " 个相关页面" : "没有完全符合的结果，最接近的页面：") +
      (respelled ? "（也按“" + respelled + "”找了）" : ""), "done");
    hits.forEach(function (hit) {
      var page = index.pages[hit.page], item = element("li", "md-search-result__item"),
        link = element("a", "md-search-result__link"), article = element("article", "md-search-result__article md-typeset hb-search-hit");
      link.href = new URL(page[0], base).href;
      link.setAttribute("data-hb-search-result", "");
      article.append(marked(element("div", "hb-search-title"), page[1], terms));
      var detail = element("p", "hb-search-snippet");
      article.append(detail);
      link.append(article);
      item.append(link);
      list.append(item);
      fetchJSON("p/" + hit.page + ".json").then(function (sections) {
        var section = sections[hit.section] || sections[0];
        if (!section) return;
        if (section[0]) link.hash = section[0];
        if (section[1]) detail.append(marked(element("span", "hb-search-section"), section[1], terms), " ");
        marked(detail, section[2] || "", terms);
      }).catch(function () { /* the title and link are enough */ });
    });
  }

  function search() {
    var query = input.value.trim(), ticket = ++asked;
    if (!query) {
      list.textContent = "";
      return show("键入以开始搜索", "idle");
    }
    status.dataset.hbSearchStatus = "loading";
    (index ? Promise.resolve(index) : fetchJSON("meta.json")).then(function (loaded) {
      index = loaded;
      var terms = queryTerms(query, index.synonyms, index.absent), byShard = {}, alikes = [];
      function load(shards) {
        return Promise.all(shards.map(function (shard) {
          return fetchJSON("s/" + shard + ".json").then(function (table) { byShard[shard] = table; });
        }));
      }
      return load(shardsFor(terms, index)).then(function () {
        var missing = missingWords(terms, index, byShard);
        if (!missing.length || !index.sounds) return;
        /* A word no page holds: look for the handbook's words that sound like it */
        return fetchJSON("py.json").then(function (byReading) {
          var readings = readingsOf(byReading), soundTables = {};
          return Promise.all(soundShardsFor(missing, readings, index).map(function (shard) {
            return fetchJSON("y/" + shard + ".json").then(function (table) { soundTables[shard] = table; });
          })).then(function () {
            alikes = soundAlikes(missing, readings, soundTables, index);
            terms = terms.concat(alikes);
            return load(shardsFor(alikes, index));
          });
        });
      }).then(function () {
        if (ticket !== asked) return;  // a newer query is on its way
        var exactTerms = terms.filter(function (item) { return item.term.length > 1 || !HAN_CHAR.test(item.term); });
        var exact = rank(exactTerms, index, byShard).length > 0;
        render(rank(terms, index, byShard).slice(0, MAX_RESULTS), terms, exact, respell(query, alikes, index, byShard));
      });
    }).catch(function () {
      if (ticket === asked) show("搜索暂时不可用，请检查网络后再试。", "done");
    });
  }

  /* Every way text arrives searches: typing, paste, an input method's commit, autofill, voice.
     While an input method composes, wait for its commit (compositionend, then input). */
  input.addEventListener("input", function (event) { if (!event.isComposing) search(); });
  input.addEventListener("compositionend", search);
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("[data-hb-search-result]");
    if (first) first.click();
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      var first = list.querySelector("[data-hb-search-result]");
      if (first) { event.preventDefault(); first.focus(); }
    }
  });
  list.addEventListener("keydown", function (event) {
    var links = Array.from(list.querySelectorAll("[data-hb-search-result]")), at = links.indexOf(document.activeElement);
    if (at < 0 || (event.key !== "ArrowDown" && event.key !== "ArrowUp")) return;
    event.preventDefault();
    var next = links[at + (event.key === "ArrowDown" ? 1 : -1)];
    (next || input).focus();
  });
  root.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle) { toggle.checked = false; input.blur(); }
  });
  list.addEventListener("click", function (event) {
    if (event.target.closest("[data-hb-search-result]") && toggle) toggle.checked = false;
  });

  document.head.appendChild(document.createElement("style")).textContent =
    ".hb-search-title{font-weight:700;color:var(--md-default-fg-color);margin:.4em 0}" +
    "[data-hb-search-status] .md-search-result__meta{color:var(--md-default-fg-color)}" +  // contrast (axe)
    ".hb-search-section{font-weight:700}" +
    ".hb-search-hit{padding:.4rem .8rem .6rem}" +
    ".hb-search-hit mark{white-space:nowrap}";

  /* The reader has shown an intent to search (that is when this file loads): fetch the page list
     while they type */
  fetchJSON("meta.json").then(function (loaded) { index = index || loaded; }).catch(function () { /* retried by search() */ });

  var fromLink = new URLSearchParams(location.search).get("q");
  if (fromLink && !input.value) {
    input.value = fromLink;
    if (toggle) toggle.checked = true;
  }
  if (input.value) search();
})();
