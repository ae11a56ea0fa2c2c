/*
  Site search over Pagefind's index, in Material's header search box. Why it
  works as it does (what loads when, the debounce, the excerpts): the notes
  in overrides/partials/search.html, kept there so readers are not sent them.
*/
(function () {
  "use strict";
  if (window.__sgSearch) return; // once per document, whatever instant navigation does
  window.__sgSearch = true;

  var PARAM = "highlight";
  var SECTIONS = 4; // sections shown per page
  var PAGES = 5; // pages per batch: each costs a fragment fetch before it shows
  var WORD = /[\p{L}\p{N}]+/gu;
  var WAIT = 150; // ms after the last key before searching
  var SHORT_WAIT = 600; // ... when the last word has fewer than 3 letters

  // The landed page: mark the searched words.

  function terms(query) {
    return (query.toLowerCase().match(WORD) || []).filter(function (t) {
      return t.length > 1 || /\p{N}/u.test(t);
    });
  }

  function stem(t) {
    // Pagefind matches stems (licence ~ licensing): cut as its stemmer roughly would.
    return t.length > 4 ? t.replace(/(ing|ed|es|s|e|y)$/u, "") : t;
  }

  function highlight() {
    var query = new URL(location.href).searchParams.get(PARAM);
    var root = document.querySelector("article.md-content__inner");
    if (!query || !root || root.querySelector("mark.sg-search-mark")) return;
    var stems = terms(query).map(stem);
    if (!stems.length) return;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var p = node.parentElement;
        if (!p || p.closest("script, style, mark, .headerlink, .md-source-file")) {
          return NodeFilter.FILTER_REJECT;
        }
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    var nodes = [];
    for (var n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
    nodes.forEach(function (node) {
      var text = node.nodeValue, last = 0, out = null, m;
      WORD.lastIndex = 0;
      while ((m = WORD.exec(text))) {
        var w = m[0].toLowerCase();
        if (!stems.some(function (s) { return w.startsWith(s); })) continue;
        out = out || document.createDocumentFragment();
        out.appendChild(document.createTextNode(text.slice(last, m.index)));
        var mark = document.createElement("mark");
        mark.className = "sg-search-mark";
        mark.textContent = m[0];
        out.appendChild(mark);
        last = m.index + m[0].length;
      }
      if (out) {
        out.appendChild(document.createTextNode(text.slice(last)));
        node.parentNode.replaceChild(out, node);
      }
    });
  }

  // The search box.

  var box = document.querySelector("[data-sg-search]");
  var bundle = box && new URL(box.getAttribute("data-sg-bundle"), document.baseURI).href;
  var toggle = document.getElementById("__search");
  var input = box && box.querySelector("input.md-search__input");
  var meta = box && box.querySelector(".md-search-result__meta");
  var list = box && box.querySelector(".md-search-result__list");
  var form = box && box.querySelector("form");
  var pagefind = null; // the module's promise, loaded on first use
  var latest = 0; // only the newest query's results are shown
  var timer = 0;

  function mark(stage, detail) { // for benchmarks/search_bench.py --timeline
    performance.mark("sg-search:" + stage, { detail: detail });
  }

  function say(text) {
    meta.textContent = text;
  }

  var tag = String(Date.now());
  var lang = (document.documentElement.lang || "unknown").toLowerCase();

  function prefetch(name) {
    return fetch(new URL(name, bundle)).catch(function () { return null; });
  }

  function warm() {
    // What Pagefind would fetch one after the other (notes: 1).
    ["pagefind-worker.js", "wasm." + lang + ".pagefind"].forEach(prefetch);
    prefetch("pagefind-entry.json?ts=" + tag).then(function (response) {
      return response && response.ok ? response.json() : null;
    }).then(function (entry) {
      var all = (entry && entry.languages) || {};
      var index = all[lang] || all[lang.split("-")[0]];
      if (index) prefetch("pagefind." + index.hash + ".pf_meta");
    }).catch(function () {});
  }

  function load() {
    if (!pagefind) {
      say(meta.getAttribute("data-sg-placeholder"));
      mark("load");
      warm();
      pagefind = import(bundle).then(
        function (pf) {
          mark("module");
          loaded = true;
          return pf
            .options({
              baseUrl: new URL("..", bundle).pathname, // wherever the site is served
              excerptLength: 22,
              metaCacheTag: tag,
            })
            .then(function () { pf.init(); return pf; });
        },
        function () {
          say(
            "Search is not built here: it is made by `mkdocs build` " +
              "(not `mkdocs serve`), or by `sourcegen search SITE` after `zensical build`."
          );
          return null;
        }
      );
    }
    return pagefind;
  }

  function open() {
    if (toggle && !toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    load();
  }

  function close() {
    if (toggle && toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    input.blur();
  }

  function withHighlight(url, query) {
    var hash = url.indexOf("#");
    var path = hash < 0 ? url : url.slice(0, hash);
    var frag = hash < 0 ? "" : url.slice(hash);
    return path + (path.indexOf("?") < 0 ? "?" : "&") + PARAM + "=" + encodeURIComponent(query) + frag;
  }

  function excerpt(html, into) {
    // Text and marks only (notes: 3).
    var parsed = new DOMParser().parseFromString("<body>" + html, "text/html").body;
    parsed.childNodes.forEach(function (node) {
      var text = node.textContent || "";
      if (node.nodeName !== "MARK") {
        into.appendChild(document.createTextNode(text));
        return;
      }
      var m = text.match(/^([^\p{L}\p{N}]*)([\s\S]*?)([^\p{L}\p{N}]*)$/u);
      if (!m || !m[2]) {
        into.appendChild(document.createTextNode(text));
        return;
      }
      var mark = document.createElement("mark");
      mark.textContent = m[2];
      into.appendChild(document.createTextNode(m[1]));
      into.appendChild(mark);
      into.appendChild(document.createTextNode(m[3]));
    });
  }

  function article(tag, title, text, isDocument) {
    var el = document.createElement("article");
    el.className = "md-search-result__article md-typeset" +
      (isDocument ? " md-search-result__article--document" : "");
    if (isDocument) {
      var icon = document.createElement("div");
      icon.className = "md-search-result__icon md-icon";
      el.appendChild(icon);
    }
    var h = document.createElement(tag);
    h.textContent = title;
    el.appendChild(h);
    if (text) {
      var p = document.createElement("p");
      excerpt(text, p);
      el.appendChild(p);
    }
    return el;
  }

  function link(url, child) {
    var a = document.createElement("a");
    a.href = url;
    a.className = "md-search-result__link";
    a.appendChild(child);
    return a;
  }

  function weight(sub) {
    return (sub.weighted_locations || sub.locations || []).reduce(function (sum, loc) {
      return sum + (typeof loc === "number" ? 1 : loc.weight || 1);
    }, 0);
  }

  function item(query, page) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var subs = page.sub_results.filter(function (s) { return s.url.indexOf("#") >= 0; });
    subs.sort(function (a, b) { return weight(b) - weight(a); });
    var top = page.sub_results.find(function (s) { return s.url.indexOf("#") < 0; });
    li.appendChild(link(
      withHighlight(page.url, query),
      article("h1", page.meta.title || page.url, subs.length ? "" : (top || page).excerpt, true)
    ));
    subs.slice(0, SECTIONS).forEach(function (s) {
      li.appendChild(link(withHighlight(s.url, query), article("h2", s.title, s.excerpt, false)));
    });
    return li;
  }

  function count(total) {
    say(
      total === 0 ? meta.getAttribute("data-sg-none")
        : total === 1 ? meta.getAttribute("data-sg-one")
        : meta.getAttribute("data-sg-other").replace("#", total)
    );
  }

  function busy(yes) { // until the batch is all listed
    list.setAttribute("aria-busy", String(yes));
  }

  var loaded = false; // pagefind.js is in: a search now costs index chunks
  var typed = "";

  function search() {
    var query = input.value.trim();
    var mine = ++latest;
    var grew = input.value.length - typed.length;
    typed = input.value;
    clearTimeout(timer);
    if (!query) {
      list.textContent = "";
      busy(false);
      input.setAttribute("aria-expanded", "false");
      say(meta.getAttribute("data-sg-placeholder"));
      return;
    }
    busy(true);
    // Our own debounce (notes: 2).
    var words = query.match(WORD) || [""];
    var wait = !loaded || grew > 1 ? 0
      : words[words.length - 1].length < 3 ? SHORT_WAIT : WAIT;
    var run = function () {
      load().then(function (pf) {
        if (!pf || mine !== latest) return null;
        mark("search");
        return pf.search(query).then(function (found) {
          if (!found || mine !== latest) return null; // superseded by a newer query
          mark("found", { results: found.results.length, timings: found.timings });
          return show(query, found.results, 0, mine);
        });
      });
    };
    if (wait) timer = setTimeout(run, wait);
    else run();
  }

  function show(query, results, from, mine) {
    var batch = results.slice(from, from + PAGES).map(function (r) { return r.data(); });
    var old = list.querySelector(".sg-search-more");
    if (old) old.remove();
    busy(true);
    if (!batch.length) {
      list.textContent = "";
      input.setAttribute("aria-expanded", "false");
      count(0);
    }
    var listed = from;
    var chain = batch.reduce(function (before, data) {
      return before.then(function () { return data; }).then(function (page) {
        if (mine !== latest) return;
        if (listed === 0) {
          list.textContent = ""; // the previous query's results, until now
          count(results.length);
        }
        list.appendChild(item(query, page));
        input.setAttribute("aria-expanded", "true");
        if (listed++ === from) mark("shown");
      });
    }, Promise.resolve());
    return chain.then(function () {
      if (mine !== latest) return;
      busy(false);
      if (results.length <= from + PAGES) return;
      var li = document.createElement("li");
      li.className = "sg-search-more";
      var more = document.createElement("button");
      more.type = "button";
      more.className = "md-search-result__more sg-search-more__button";
      more.textContent = "More results";
      more.addEventListener("click", function () {
        more.disabled = true;
        show(query, results, from + PAGES, mine).then(function () {
          var items = list.querySelectorAll(".md-search-result__item");
          var first = items[from + PAGES] && items[from + PAGES].querySelector("a");
          if (first) first.focus();
        });
      });
      li.appendChild(more);
      list.appendChild(li);
    });
  }

  function links() {
    return Array.from(list.querySelectorAll("a.md-search-result__link"));
  }

  if (box && input && toggle) {
    input.addEventListener("focus", open);
    // Load on the first sign of intent: a press on the search button.
    document.querySelectorAll("label[for=__search]").forEach(function (label) {
      label.addEventListener("pointerdown", load, { passive: true });
    });
    input.addEventListener("input", search);
    toggle.addEventListener("change", function () {
      if (toggle.checked && document.activeElement !== input) input.focus();
    });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var first = links()[0];
      if (first) first.click();
    });
    form.addEventListener("reset", function () {
      setTimeout(function () { search(); input.focus(); }, 0);
    });
    list.addEventListener("click", function (ev) {
      if (ev.target.closest && ev.target.closest("a")) close();
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
      var inSearch = toggle.checked && box.contains(document.activeElement);
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName) ||
        document.activeElement.isContentEditable;
      if (!inSearch) {
        if (!typing && (ev.key === "/" || ev.key === "s" || ev.key === "f")) {
          ev.preventDefault();
          open();
          input.focus();
          input.select();
        }
        return;
      }
      if (ev.key === "Escape") {
        ev.preventDefault();
        close();
      } else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        var all = [input].concat(links());
        var at = all.indexOf(document.activeElement);
        var next = (Math.max(at, 0) + all.length + (ev.key === "ArrowUp" ? -1 : 1)) % all.length;
        all[next].focus();
        ev.preventDefault();
      }
    });
  }

  // Every page, including those instant navigation swaps in.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(highlight);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", highlight);
  } else {
    highlight();
  }
})();
