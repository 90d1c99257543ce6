// Search page: answers queries from the static index below search/ (built by
// internal/search) as the reader types, with no server and no third party.
//
// The first half is a port of search.Reader.Search in Go: the same query
// parsing, shard look-up, scoring and order. Keep the two in step;
// internal/search/parity_test.go runs this file under Node and compares its
// answers with Go's. The folding tables, stop words and constants come from
// the manifest, so they are never copied here. The second half is the page.
(function () {
  "use strict";

  // ---- Numbers: see internal/search/encode.go ----
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT = {};
  for (var i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET[i]] = i;

  function decodeNums(s) {
    var out = [], n = 0, shift = 0;
    for (var i = 0; i < s.length; i++) {
      var d = DIGIT[s[i]];
      if (d === undefined) throw new Error("search index: bad number encoding");
      n += (d & 31) * Math.pow(2, shift);
      if (d & 32) { shift += 5; continue; }
      out.push(n);
      n = 0; shift = 0;
    }
    if (shift !== 0) throw new Error("search index: bad number encoding");
    return out;
  }

  function eachPosting(post, fn) {
    var nums = decodeNums(post), id = -1;
    for (var i = 0; i < nums.length; i += 2) {
      id += nums[i];
      fn(id, nums[i + 1]);
    }
  }

  // fileKey mirrors encode.go's fileKey.
  function fileKey(key) {
    if (key === "") return "_";
    var out = "";
    for (var ch of key) out += /^[a-z0-9]$/.test(ch) ? ch : "_" + ch.codePointAt(0).toString(16) + "_";
    return out;
  }

  function runes(s) { return Array.from(s); }

  // ---- Tokens: see internal/search/token.go ----
  var reWord = /^[\p{L}\p{Nd}\p{Mn}\p{Mc}]$/u;
  var reMn = /^\p{Mn}$/u;
  var reSingle = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u;

  function Folder(conf, maxToken) {
    this.table = Object.create(null);
    var from = runes(conf.from), to = runes(conf.to);
    for (var i = 0; i < from.length; i++) this.table[from[i]] = to[i];
    conf.multi.forEach(function (p) { this.table[p[0]] = p[1]; }, this);
    this.maxToken = maxToken;
  }
  Folder.prototype.foldChar = function (ch) {
    if (reMn.test(ch)) return "";
    var out = "";
    for (var c of ch.toLowerCase()) {
      if (reMn.test(c)) continue;
      var t = this.table[c];
      out += t === undefined ? c : t;
    }
    return out;
  };
  // tokens returns the folded words of s with their [start, end) in s.
  Folder.prototype.tokens = function (s) {
    var out = [], cur = "", start = -1, n = 0, i = 0, self = this;
    function flush(end) {
      if (start >= 0 && cur.length > 0) out.push({ text: cur, start: start, end: end });
      cur = ""; start = -1; n = 0;
    }
    for (var ch of s) {
      if (reSingle.test(ch)) {
        flush(i);
        start = i;
        cur = self.foldChar(ch);
        flush(i + ch.length);
      } else if (reWord.test(ch)) {
        if (start < 0) start = i;
        if (n < self.maxToken) { cur += self.foldChar(ch); n++; }
      } else {
        flush(i);
      }
      i += ch.length;
    }
    flush(s.length);
    return out;
  };

  // ---- Searcher: see internal/search/reader.go ----
  // wordForms returns a finished query word and the forms it also matches:
  // its singular or plural in -s and -es (as wordForms in reader.go).
  function wordForms(w) {
    var forms = [w];
    function add(f) { if (runes(f).length >= 3) forms.push(f); }
    if (w.endsWith("ss")) add(w + "es");
    else if (w.endsWith("es")) { add(w.slice(0, -1)); add(w.slice(0, -2)); }
    else if (w.endsWith("s")) add(w.slice(0, -1));
    else { add(w + "s"); add(w + "es"); }
    return forms;
  }

  // singulars returns the forms of wordForms(w) shorter than w.
  function singulars(w) {
    return wordForms(w).slice(1).filter(function (f) { return f.length < w.length; });
  }

  function Searcher(manifest, fetchJSON) {
    var q = manifest.query;
    this.m = manifest;
    this.q = q;
    this.fetchJSON = fetchJSON;
    this.folder = new Folder(manifest.fold, q.maxToken);
    this.stop = new Set(q.stop);
    this.keys = new Set(manifest.keys);
    this.maxKey = 0;
    manifest.keys.forEach(function (k) { this.maxKey = Math.max(this.maxKey, runes(k).length); }, this);
    this.cache = new Map();
  }

  // get fetches an index file once; prep turns its JSON into what is kept.
  Searcher.prototype.get = function (name, prep) {
    var c = this.cache;
    if (!c.has(name)) {
      c.set(name, this.fetchJSON(name).then(prep || function (x) { return x; }, function (e) {
        c.delete(name);
        throw e;
      }));
    }
    return c.get(name);
  };

  Searcher.prototype.shard = function (key) {
    return this.get("shards/" + fileKey(key) + ".json", function (f) {
      var byWord = new Map();
      f.terms.forEach(function (t) { byWord.set(t[0], { word: t[0], idf: t[1], post: t[2] }); });
      return { terms: f.terms.map(function (t) { return byWord.get(t[0]); }), byWord: byWord };
    });
  };

  // keyOf returns the key of the shard holding word, or null.
  Searcher.prototype.keyOf = function (word) {
    var r = runes(word);
    for (var n = Math.min(r.length, this.maxKey); n >= 0; n--) {
      var k = r.slice(0, n).join("");
      if (this.keys.has(k)) return k;
    }
    return null;
  };

  Searcher.prototype.prefixKeys = function (p) {
    var out = [], k = this.keyOf(p);
    if (k !== null) out.push(k);
    this.m.keys.forEach(function (key) {
      if (key.length > p.length && key.startsWith(p)) out.push(key);
    });
    return out;
  };

  // parse mirrors parseQuery in query.go.
  Searcher.prototype.parse = function (text) {
    var parts = text.replace(/[“”„]/g, '"').split('"'), out = [], seen = new Set(), self = this;
    function add(u) {
      var k = u.words.join(" ") + (u.prefix ? "*" : "");
      if (!seen.has(k)) { seen.add(k); out.push(u); }
    }
    parts.forEach(function (part, i) {
      var toks = self.folder.tokens(part);
      if (i % 2 === 1) {
        var u = { words: [], offsets: [], prefix: false };
        toks.forEach(function (t, j) {
          if (!self.stop.has(t.text)) { u.words.push(t.text); u.offsets.push(j); }
        });
        if (u.words.length > 0) {
          var base = u.offsets[0];
          u.offsets = u.offsets.map(function (o) { return o - base; });
          add(u);
        }
        return;
      }
      toks.forEach(function (t, j) {
        var last = i === parts.length - 1 && j === toks.length - 1 && t.end === part.length;
        if (last) add({ words: [t.text], offsets: [0], prefix: true });
        else if (!self.stop.has(t.text)) add({ words: [t.text], offsets: [0], prefix: false });
      });
    });
    return out;
  };

  // search answers {text, action, year, offset, limit} with
  // {total, hits: [{id, score, meta}], words, prefixes, broad}.
  // search answers a query. progress, when given, is called with the result
  // and each hit of the page in rank order, as soon as that hit and every
  // hit before it have their metadata: a page can show the first results
  // while the others are still being fetched.
  Searcher.prototype.search = async function (query, progress) {
    var self = this, res = { total: 0, hits: [], words: [], prefixes: [], broad: false }, units = [];
    this.parse(query.text).forEach(function (u) {
      if (u.prefix) {
        var p = u.words[0];
        if (runes(p).length < self.q.minPrefix || self.prefixKeys(p).length > self.q.maxPrefixShards) {
          res.broad = true;
          return;
        }
        res.prefixes.push(p);
      } else {
        res.words.push.apply(res.words, u.words);
      }
      units.push(u);
    });
    if (units.length === 0) return res;
    // Fetch every shard the query needs at once.
    var keys = new Set();
    units.forEach(function (u) {
      if (u.prefix) {
        self.prefixKeys(u.words[0]).forEach(function (k) { keys.add(k); });
        singulars(u.words[0]).forEach(function (w) { var k = self.keyOf(w); if (k !== null) keys.add(k); });
      }
      else (u.words.length === 1 ? wordForms(u.words[0]) : u.words).forEach(function (w) { var k = self.keyOf(w); if (k !== null) keys.add(k); });
    });
    await Promise.all(Array.from(keys, function (k) { return self.shard(k); }));
    var sets = [];
    for (var u of units) {
      var s = await this.unitScores(u);
      if (s.size === 0) return res;
      sets.push(s);
    }
    var hits = await this.combine(sets, query);
    res.total = hits.length;
    var page = hits.slice(query.offset || 0, (query.offset || 0) + (query.limit || 0));
    var metas = page.map(function (h) { return self.meta(h.id); });
    res.hits = page;
    for (var i = 0; i < page.length; i++) {
      page[i].meta = await metas[i];
      if (progress) progress(res, page[i], i);
    }
    return res;
  };

  Searcher.prototype.term = async function (w) {
    var k = this.keyOf(w);
    if (k === null) return null;
    var sh = await this.shard(k);
    return sh.byWord.get(w) || null;
  };

  // bestOf raises each document's score to the best impact × idf × factor
  // of the given words in it (as bestOf in reader.go).
  Searcher.prototype.bestOf = async function (scores, words, factor) {
    for (var w of words) {
      var t = await this.term(w);
      if (!t) continue;
      eachPosting(t.post, function (id, imp) {
        var v = imp * t.idf * factor, old = scores.get(id);
        if (old === undefined || v > old) scores.set(id, v);
      });
    }
  };

  Searcher.prototype.unitScores = async function (u) {
    var exact = this.q.exact, prefix = this.q.prefix, scores = new Map();
    if (u.prefix) {
      var p = u.words[0];
      for (var k of this.prefixKeys(p)) {
        var sh = await this.shard(k);
        sh.terms.forEach(function (t) {
          if (!t.word.startsWith(p)) return;
          var factor = t.word === p || t.word === p + "s" || t.word === p + "es" ? exact : prefix; // or its plural
          eachPosting(t.post, function (id, imp) {
            var v = imp * t.idf * factor, old = scores.get(id);
            if (old === undefined || v > old) scores.set(id, v);
          });
        });
      }
      // "registrars" typed also finds "registrar".
      await this.bestOf(scores, singulars(p), exact);
      return scores;
    }
    if (u.words.length === 1) { // a word: any of its forms
      await this.bestOf(scores, wordForms(u.words[0]), exact);
      return scores;
    }
    for (var i = 0; i < u.words.length; i++) {
      var t = await this.term(u.words[i]);
      if (!t) return new Map();
      var next = new Map();
      eachPosting(t.post, function (id, imp) {
        var s = scores.get(id);
        if (s !== undefined || i === 0) next.set(id, (s || 0) + imp * t.idf * exact);
      });
      scores = next;
    }
    if (u.words.length > 1) return this.phraseFilter(u, scores);
    return scores;
  };

  Searcher.prototype.phraseFilter = async function (u, scores) {
    var pos = [];
    for (var w of u.words) pos.push(await this.positions(w, scores));
    var out = new Map();
    scores.forEach(function (s, id) {
      var first = pos[0].get(id) || [];
      for (var p of first) {
        var ok = true;
        for (var i = 1; i < u.words.length && ok; i++) {
          var ps = pos[i].get(id);
          ok = ps !== undefined && ps.indexOf(p + u.offsets[i]) >= 0;
        }
        if (ok) { out.set(id, s); break; }
      }
    });
    return out;
  };

  Searcher.prototype.positions = async function (word, want) {
    var t = await this.term(word);
    var k = this.keyOf(word);
    var byWord = await this.get("pos/" + fileKey(k) + ".json", function (f) { return new Map(f.terms); });
    var nums = decodeNums(byWord.get(word) || ""), ids = [], out = new Map(), i = 0;
    eachPosting(t.post, function (id) { ids.push(id); });
    ids.forEach(function (id) {
      if (i >= nums.length || i + nums[i] >= nums.length) throw new Error("search index: bad positions");
      var n = nums[i];
      if (want.has(id)) {
        var ps = [], p = 0;
        for (var j = 0; j < n; j++) { p += nums[i + 1 + j]; ps.push(p); }
        out.set(id, ps);
      }
      i += 1 + n;
    });
    return out;
  };

  Searcher.prototype.combine = async function (sets, query) {
    sets = sets.slice().sort(function (a, b) { return a.size - b.size; });
    var f = null, hits = [];
    if (query.action || query.year) f = await this.facets();
    sets[0].forEach(function (score, id) {
      for (var i = 1; i < sets.length; i++) {
        var v = sets[i].get(id);
        if (v === undefined) return;
        score += v;
      }
      if (f && !f.match(id, query)) return;
      hits.push({ id: id, score: score, meta: null });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    return hits;
  };

  Searcher.prototype.facets = function () {
    var docs = this.m.docs;
    return this.get("facets.json", function (ff) {
      var nums = decodeNums(ff.docs);
      if (nums.length !== 2 * docs) throw new Error("search index: bad facets");
      return {
        match: function (id, q) {
          var y = nums[2 * id], mask = nums[2 * id + 1];
          if (q.year && (y === 0 || ff.years[y - 1] !== q.year)) return false;
          if (q.action) {
            var i = ff.actions.indexOf(q.action);
            if (i < 0 || (mask & (1 << i)) === 0) return false;
          }
          return true;
        }
      };
    });
  };

  Searcher.prototype.meta = async function (id) {
    var chunk = this.m.chunk;
    var f = await this.get("docs/" + Math.floor(id / chunk) + ".json");
    var m = f.docs[id % chunk];
    if (!m) throw new Error("search index: no document " + id);
    return m;
  };

  if (typeof module === "object" && module.exports) {
    module.exports = { Searcher: Searcher, Folder: Folder };
  }
  if (typeof document === "undefined") return;

  // ---- The page ----
  var PAGE = 10, DEBOUNCE = 120;
  var form = document.getElementById("search-form");
  if (!form) return;
  var input = form.elements.q, actionSel = form.elements.action, yearSel = form.elements.year;
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var base = form.dataset.base, indexURL = form.dataset.index;
  var labels = {};
  Array.prototype.forEach.call(actionSel.options, function (o) { if (o.value) labels[o.value] = o.textContent; });

  var ready = fetch(indexURL + "manifest.json", { cache: "no-cache" })
    .then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    })
    .then(function (m) {
      return new Searcher(m, function (name) {
        return fetch(indexURL + name + "?v=" + m.version).then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status + " for " + name);
          return r.json();
        });
      });
    });

  var seq = 0, shown = 0, timer = 0;

  function query(offset) {
    return { text: input.value, action: actionSel.value, year: Number(yearSel.value) || 0, offset: offset, limit: PAGE };
  }

  function keepInURL() {
    var params = new URLSearchParams();
    if (input.value.trim()) params.set("q", input.value);
    if (actionSel.value) params.set("action", actionSel.value);
    if (yearSel.value) params.set("year", yearSel.value);
    var qs = params.toString();
    history.replaceState(null, "", location.pathname + (qs ? "?" + qs : ""));
  }

  async function run(offset) {
    var my = ++seq;
    clearTimeout(timer);
    keepInURL();
    if (!input.value.trim()) {
      list.textContent = "";
      status.textContent = "";
      more.hidden = true;
      return;
    }
    try {
      var s = await ready;
      var res = await s.search(query(offset), function (res, hit, i) {
        if (my !== seq) return; // a newer query started meanwhile
        if (i === 0 && offset === 0) {
          // The count first: filled after the list, it would push the list
          // down under the reader's eyes (layout shift).
          say(summary(res));
          list.textContent = "";
        }
        list.appendChild(hitItem(s, hit, res));
        // For measurements: when the first result is on screen.
        if (i === 0 && window.performance && performance.mark) performance.mark("search-first-result");
      });
      if (my !== seq) return;
      show(s, res, offset);
    } catch (e) {
      if (my !== seq) return;
      status.textContent = "Search is unavailable: the index could not be loaded (" + e.message + ").";
    }
  }

  // show completes the page of results (run has listed its hits) with the
  // count, announced once, and the "Show more" button.
  function show(s, res, offset) {
    if (offset === 0 && res.hits.length === 0) list.textContent = "";
    shown = offset + res.hits.length;
    more.hidden = shown >= res.total;
    say(summary(res));
    // For tests and measurements: which query the list shows, and when.
    list.dataset.query = input.value;
    if (window.performance && performance.mark) performance.mark("search-results");
    if (offset > 0) {
      var first = list.children[offset];
      if (first) first.querySelector("a").focus();
    }
  }

  // summary returns the status line for a result: the count, and what the
  // query left out.
  function summary(res) {
    var q = "“" + input.value.trim() + "”";
    var msg;
    if (res.total === 0 && res.broad && res.words.length + res.prefixes.length === 0) msg = "Keep typing to search.";
    else if (res.total === 0) msg = "No results for " + q + ".";
    else msg = (res.total === 1 ? "1 result" : res.total + " results") + " for " + q + ".";
    if (actionSel.value || yearSel.value) msg += " Filters are on.";
    if (res.broad && res.total > 0) msg += " Type more of the last word to include it.";
    return msg;
  }

  // say puts msg in the status line, announced once: setting the same text
  // again would announce it again.
  function say(msg) {
    if (status.textContent !== msg) status.textContent = msg;
  }

  function hitItem(s, h, res) {
    var m = h.meta;
    var li = el("li", "search-hit");
    var h2 = el("h2");
    var a = el("a", "hit-link");
    a.href = base + m.u;
    mark(s, a, m.t, res);
    h2.appendChild(a);
    li.appendChild(h2);
    var meta = el("p", "meta");
    var bits = [];
    if (m.h) {
      var t = el("time");
      t.dateTime = m.d;
      t.textContent = m.h;
      bits.push(t);
    }
    if (m.l) bits.push(document.createTextNode(m.l));
    if (m.g) bits.push(document.createTextNode((m.g.length > 1 ? "Targets: " : "Target: ") + m.g.join(", ")));
    if (m.p) bits.push(document.createTextNode((m.p.length > 1 ? "Providers: " : "Provider: ") + m.p.join(", ")));
    bits.forEach(function (b, i) {
      if (i > 0) meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(b);
    });
    (m.a || []).forEach(function (act) {
      meta.appendChild(document.createTextNode(" "));
      var b = el("span", "badge badge-" + act);
      b.textContent = labels[act] || act;
      meta.appendChild(b);
    });
    li.appendChild(meta);
    if (m.s) {
      var p = el("p");
      mark(s, p, m.s, res);
      li.appendChild(p);
    }
    return li;
  }

  function el(name, cls) {
    var e = document.createElement(name);
    if (cls) e.className = cls;
    return e;
  }

  // mark appends text to parent with the words matching the query in <mark>.
  function mark(s, parent, text, res) {
    var at = 0;
    s.folder.tokens(text).forEach(function (t) {
      var hit = res.words.some(function (w) { return wordForms(w).indexOf(t.text) >= 0; }) ||
        res.prefixes.some(function (p) { return t.text.startsWith(p) || singulars(p).indexOf(t.text) >= 0; });
      if (!hit) return;
      parent.appendChild(document.createTextNode(text.slice(at, t.start)));
      var m = el("mark");
      m.textContent = text.slice(t.start, t.end);
      parent.appendChild(m);
      at = t.end;
    });
    parent.appendChild(document.createTextNode(text.slice(at)));
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll("a.hit-link")); }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(0); }, DEBOUNCE);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" && links().length) {
      e.preventDefault();
      links()[0].focus();
    } else if (e.key === "Escape" && input.value) {
      e.preventDefault();
      input.value = "";
      run(0);
    }
  });
  list.addEventListener("keydown", function (e) {
    var ls = links(), i = ls.indexOf(document.activeElement);
    if (i < 0) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      var j = i + (e.key === "ArrowDown" ? 1 : -1);
      if (j < 0) input.focus();
      else if (j < ls.length) ls[j].focus();
      else if (!more.hidden) more.focus();
    } else if (e.key === "Escape") {
      e.preventDefault();
      input.focus();
    }
  });
  more.addEventListener("keydown", function (e) {
    if (e.key === "ArrowUp" && links().length) { e.preventDefault(); links()[links().length - 1].focus(); }
    else if (e.key === "Escape") { e.preventDefault(); input.focus(); }
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    run(0);
  });
  actionSel.addEventListener("change", function () { run(0); });
  yearSel.addEventListener("change", function () { run(0); });
  more.addEventListener("click", function () { run(shown); });

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  actionSel.value = params.get("action") || "";
  yearSel.value = params.get("year") || "";
  document.getElementById("search-nojs").hidden = true;
  if (input.value) run(0);
  else input.focus();
})();
