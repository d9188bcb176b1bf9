/* The handbook's search (issue #30): queries the index that macros/search_index.py writes into
   search/hb/ and shows ranked pages in the header's search dialog. hb-search-on-demand.js loads
   this file when a reader starts a search; nothing here runs on a page nobody searches.

   How a query is matched, so that it survives wording nobody tuned it for:
   - a query is cut into the index's terms: pairs of neighbouring Chinese characters (bigrams),
     single characters (weak, so that any word of the handbook finds something) and Latin words
     (a prefix of three letters or more matches longer words: incoterm → incoterms);
   - the browser's word segmenter only weighs the bigrams: inside a word they count fully, across
     two words a little; question words (怎么, 什么, 吗 …) count little, never nothing;
   - a word of a synonym group (includes/glossary/synonyms.txt) brings the group's other words;
   - rare terms weigh more (idf), titles and headings more than body text (in the index), a page
     that holds more of the query more, trainer pages (trainers/) less: they win only when no
     reader page answers as well. */
(function () {
  "use strict";

  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  var HAN_CHAR = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  var LATIN = /[a-z0-9]+(?:\/[a-z0-9]+)*/g;
  /* Words that make a question a question; they weigh QUESTION_WORD, not nothing */
  var QUESTION = new Set(("请问 我 我的 我们 你 你们 他 她 是 是不是 谁 在 哪 哪里 哪儿 哪些 什么 啥 怎么 怎样 咋 " +
    "怎么样 如何 为什么 多久 多少 几 吗 呢 吧 啊 呀 了 的 得 要 要不要 能 能不能 会 会不会 该 应该 可以 " +
    "有 有没有 没有 和 与 或 也 都 就 还 把 被 给 对 一下 做 干 找 问 办 怎么办 一般 什么样 到底 时候 几天 几个 " +
    "多大 多长 多高 哪个 一些 为啥 最好 需要 必须 应该 关于 这个 那个 这样 那样 告诉 知道 想 想要 请").split(" "));
  var WEIGHT = { word: 1, across: 0.35, single: 0.3, character: 0.08, question: 0.12, synonym: 0.8 };
  /* title, heading, body: field weights; saturation, lengthWeight: BM25's k and b; trainer: the
     factor of trainer pages; coverage: the power of the share of the query a page holds; section:
     the weight of the best section (terms that meet in one section) */
  var RANK = { title: 5, heading: 2, body: 1, saturation: 4, lengthWeight: 0.75, trainer: 0.55,
    coverage: 1.5, section: 0 };

  function normalize(text) {
    return String(text).normalize("NFKC").toLowerCase().replace(/\u200b/g, "");
  }

  /* Same as shard_of in macros/search_index.py */
  function shardOf(term, shards) {
    var key = HAN_CHAR.test(term.charAt(0)) ? term.charAt(0) : term.slice(0, 2), sum = 0;
    for (var i = 0; i < key.length; i++) sum += key.charCodeAt(i);
    return sum % shards;
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
  function queryTerms(query, synonyms) {
    var text = normalize(query), found = new Map();
    function add(term, weight, prefix) {
      var old = found.get(term);
      if (!old || old.weight < weight) found.set(term, { term: term, weight: weight, prefix: !!prefix });
    }
    function cut(piece, factor) {
      (piece.match(HAN) || []).forEach(function (run) {
        var words = joinSingles(segmentWords(run));
        words.forEach(function (word, i) {
          var question = isQuestion(word), weight = (question ? WEIGHT.question : 1) * factor;
          for (var c = 0; c < word.length; c++) add(word.charAt(c), WEIGHT.character * factor);
          if (word.length === 1 && !question) add(word, WEIGHT.single * factor);
          for (var b = 0; b + 1 < word.length; b++) add(word.slice(b, b + 2), WEIGHT.word * weight);
          var next = words[i + 1];
          if (next) {
            var nextQuestion = isQuestion(next);
            add(word.slice(-1) + next.charAt(0), WEIGHT.across * factor * (question || nextQuestion ? WEIGHT.question : 1));
          }
        });
      });
      (piece.match(LATIN) || []).forEach(function (word) {
        if (word.length > 1 || /\d/.test(word)) add(word, factor, word.length >= 3);
      });
    }
    cut(text, 1);
    (synonyms || []).forEach(function (group) {
      var hit = group.some(function (word) { return contains(text, word); });
      if (hit) group.forEach(function (word) { if (!contains(text, word)) cut(word, WEIGHT.synonym); });
    });
    return Array.from(found.values());
  }

  /* A Latin word matches whole words only (tm is not in html); Chinese anywhere */
  function contains(text, word) {
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
    var body = weight & 15, headings = (weight >> 4) & 3, title = weight >> 6;
    return RANK.title * title + (headings ? RANK.heading * (1 + (headings - 1) / 4) : 0) +
      RANK.body * body / (body + RANK.saturation * norm);
  }

  /* Ranked pages for the terms, given the shards they live in (shard number -> table):
     [{page, score, section}] best first */
  function rank(terms, meta, tables) {
    var pages = meta.pages, count = pages.length, mean = 0;
    pages.forEach(function (page) { mean += page[4] / count; });
    var norm = pages.map(function (page) { return 1 - RANK.lengthWeight + RANK.lengthWeight * page[4] / mean; });
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
        for (var i = 1; i < list.length; i += 3) {
          var old = best.get(list[i]);
          if (!old || old[0] < list[i + 1]) best.set(list[i], [list[i + 1], list[i + 2]]);
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
          (pages[page][2] ? RANK.trainer : 1) * (pages[page][3] || 1),
      });
    });
    return ranked.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
  }

  /* The shards a query needs */
  function shardsFor(terms, meta) {
    return Array.from(new Set(terms.map(function (item) { return shardOf(item.term, meta.shards); })));
  }

  var engine = { RANK: RANK, WEIGHT: WEIGHT, normalize: normalize, queryTerms: queryTerms, rank: rank, shardsFor: shardsFor, shardOf: shardOf };
  if (typeof module === "object" && module.exports) { module.exports = engine; return; }  // Node: tests, benchmarks
})();
