/* Chinese queries and result snippets. hb-search-on-demand.js loads this file when a reader starts
   a search (never on page load) and releases the search index once it has run.

   1. People type questions: 我的导师是谁, 年假怎么算, 储物柜在哪. Question and filler words are
      dropped before the query reaches Material's search worker, so only the words that name the
      topic are matched; a query made only of such words is sent unchanged.
   2. Material cuts each run of Chinese characters into words of its index, but never lets a word
      end on the run's last character (报销 became 报*, which ranks the 报价 pages first), and a
      run whose first character is no word of the index goes out whole. A sentinel 々 after each
      run lets the last word end there; mkdocs.yml lists 々 as a search separator, so the sentinel
      is never part of a term (and never in the index).
   3. The index separates words with zero-width spaces. Next to punctuation they let a result line
      start with "。" or "、", so they are dropped there; elsewhere they are the only places where
      result text may wrap (word-break: keep-all), so a word such as 询盘 never splits. */
(function () {
  "use strict";
  /* Question and filler words, whole words as the browser's word segmenter cuts the query
     (without Intl.Segmenter, only the phrases below go) */
  var FILLER = new Set(("请问 我 我的 我们 你 你的 你们 他 她 是 是不是 谁 在 哪 哪里 哪儿 哪些 什么 怎么 怎样 " +
    "怎么样 如何 为什么 多久 多少 吗 呢 吧 啊 呀 了 的 要 要不要 能 能不能 会 会不会 该 应该 可以 有没有 " +
    "和 与 或 也 都 就 还 把 被 给 对 一下 做 干 找 问 算 办").split(" "));
  /* Particles and 不 on their own: never a word of the index, always dropped */
  var PARTICLE = /^[不的了吗呢吧啊呀]$/;
  /* Phrases the segmenter may cut otherwise */
  var PHRASE = /请问|我想知道|我想问|我们的|我的|是什么|是谁|是多少|在哪里|在哪儿|在哪|怎么办|做什么|干什么/g;
  var HAN = /[\u3400-\u9fff\uf900-\ufaff]+/g;
  var segmenter = typeof Intl === "object" && Intl.Segmenter && new Intl.Segmenter("zh", { granularity: "word" });

  function words(run) {
    return segmenter ? Array.from(segmenter.segment(run), function (part) { return part.segment; }) : [run];
  }

  /* A one-character filler goes only next to a word the segmenter knows (or another filler): in a
     row of single characters (能/者/为/师, an idiom it does not know) it is part of a word */
  function clear(word) {
    return word !== undefined && (word.length > 1 || FILLER.has(word));
  }

  function normalize(query) {
    var kept = query.replace(PHRASE, " ").replace(HAN, function (run) {
      var list = words(run);
      return " " + list.map(function (word, i) {
        return PARTICLE.test(word) || FILLER.has(word) && (word.length > 1 || clear(list[i - 1]) || clear(list[i + 1]))
          ? " " : word;
      }).join("") + " ";
    }).replace(/[\s？?！!，,。、；;：:]+/g, " ").trim();
    return kept ? kept.replace(HAN, "$&々") : query;
  }

  if (typeof module === "object") { module.exports = normalize; return; }  // unit tests in Node

  /* Material's search sends {type: 2 (query), data: text} to its worker (Material 9.x) */
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    var args = Array.prototype.slice.call(arguments);
    if (message && message.type === 2 && typeof message.data === "string")
      args[0] = { type: 2, data: normalize(message.data) };
    return post.apply(this, args);
  };

  var list = document.querySelector(".md-search-result__list");
  if (!list) return;
  /* Material's mark sets word-break: break-word, which splits a highlighted word (询/盘) */
  document.head.appendChild(document.createElement("style")).textContent =
    ".md-search-result__list, .md-search-result__list mark { word-break: keep-all; overflow-wrap: anywhere }";
  /* Zero-width spaces before closing and after opening punctuation */
  var STRAY = /\u200b+(?=[。，、；：？！）」』】》”’…])|([（「『【《“‘])\u200b+/g;
  function clean(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), node = root, text;
    do if (node.nodeType === 3 && (text = node.data.replace(STRAY, "$1")) !== node.data) node.data = text;
    while ((node = walker.nextNode()));
  }
  /* Material renders results in batches (more as the reader scrolls): clean what it adds */
  new MutationObserver(function (records) {
    records.forEach(function (record) { record.addedNodes.forEach(clean); });
  }).observe(list, { childList: true, subtree: true });
})();
