/* storytrace dossier viewer.

   One script for both forms of the dossier: dossier.html (the dossier is embedded as JSON in
   the element #dossier-data, a script of type application/json) and `storytrace serve` (the
   body element has data-api="api/": the viewer fetches api/dossier and searches through the
   server).

   Safety: every element is built with createElement/createTextNode; nothing from the dossier
   is ever parsed as HTML, and the only links made are in-page fragments (#/…). Article URLs
   are shown as text.

   Views render lazily: only the one in the location hash is built, long lists in pages.
   Offsets in the dossier count Unicode code points (Python's str); JavaScript strings count
   UTF-16 units, so spans are converted per article before slicing. */
(function () {
  "use strict";

  var SVGNS = "http://www.w3.org/2000/svg";
  var PAGE = 100;
  var DAY = 86400000;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var STANCES = ["assert", "deny", "confirm", "unconfirmed", "warn", "demand", "other"];
  var STANCE_LABEL = {
    assert: "asserts", deny: "denies", confirm: "confirms", unconfirmed: "cannot confirm",
    warn: "warns", demand: "demands", other: "other"
  };
  var STANCE_MARK = {
    assert: "\u25cf", deny: "\u2715", confirm: "\u2713", unconfirmed: "?", warn: "!",
    demand: "\u00bb", other: "\u00b7"
  };
  var STATUS_STANCES = ["deny", "unconfirmed", "confirm"];
  var MODE_LABEL = {
    direct: "direct quote", indirect: "indirect speech", according_to: "according to",
    reported: "reported"
  };
  /* Okabe-Ito and friends: tell apart with colour-vision deficiencies; text labels too. */
  var PALETTE = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9",
    "#7a5195", "#8c6d31"];
  var OTHER_COLOUR = "#7f7f7f";
  var VIEWS = ["overview", "board", "timeline", "status", "sources", "article", "search"];
  var VIEW_TITLES = {
    overview: "Overview", board: "Claim board", timeline: "Figure timeline",
    status: "Status over time", sources: "Sources", article: "Article", search: "Search"
  };
  var LAYERS = [
    ["speaker", "speaker"], ["via", "passed on by"], ["cue", "cue"],
    ["quote", "direct quote"], ["content", "reported content"], ["figure", "figure"],
    ["date", "date said"], ["reused", "copy shared with another article"]
  ];

  var S = {
    d: null, api: null, route: null, renderToken: 0,
    art: new Map(), ent: new Map(), att: new Map(), claim: new Map(),
    attsByArticle: new Map(), claimsByAtt: new Map(), speakerCount: new Map(),
    speakerName: new Map(), u16: new Map()
  };

  /* ---- DOM: text only ------------------------------------------------------------------ */

  function setAttrs(el, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") el.textContent = String(v);
      else if (k.slice(0, 2) === "on" && typeof v === "function") el.addEventListener(k.slice(2), v);
      else if (k === "href") {
        var url = String(v);
        if (url.charAt(0) === "#") el.setAttribute("href", url);
      } else el.setAttribute(k, v === true ? "" : String(v));
    });
  }

  function append(el, kids) {
    kids.forEach(function (kid) {
      if (kid === null || kid === undefined || kid === false) return;
      if (Array.isArray(kid)) append(el, kid);
      else if (kid instanceof Node) el.appendChild(kid);
      else el.appendChild(document.createTextNode(String(kid)));
    });
  }

  function h(tag, attrs) {
    var el = document.createElement(tag);
    setAttrs(el, attrs);
    append(el, Array.prototype.slice.call(arguments, 2));
    return el;
  }

  function s(tag, attrs) {
    var el = document.createElementNS(SVGNS, tag);
    setAttrs(el, attrs);
    append(el, Array.prototype.slice.call(arguments, 2));
    return el;
  }

  /* Replace an element's children; null and false children are left out. */
  function fill(el) {
    el.replaceChildren();
    append(el, Array.prototype.slice.call(arguments, 1));
  }

  function note(text, cls) {
    return h("p", { "class": cls || "empty" }, text);
  }

  function notComputed(what, stage) {
    return h("p", { "class": "empty not-computed" },
      what + ": not computed yet. " + (stage || "The cross-article stage fills this section."));
  }

  /* ---- text helpers -------------------------------------------------------------------- */

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* Folded text with, for each folded UTF-16 unit, the UTF-16 index it came from. */
  function foldWithMap(text) {
    var out = "";
    var map = [];
    for (var i = 0; i < text.length;) {
      var cp = text.codePointAt(i);
      var ch = String.fromCodePoint(cp);
      var f = fold(ch);
      for (var k = 0; k < f.length; k++) map.push(i);
      out += f;
      i += ch.length;
    }
    map.push(text.length);
    return { text: out, map: map };
  }

  function fmtNum(v) {
    return Number(v).toLocaleString("en-US", { maximumFractionDigits: 2 });
  }

  function short(text, n) {
    text = String(text);
    return text.length > n ? text.slice(0, n - 1) + "\u2026" : text;
  }

  function plural(n, noun, nouns) {
    return n + " " + (n === 1 ? noun : (nouns || noun + "s"));
  }

  /* Code point offset -> UTF-16 index in an article's text. */
  function u16(article, cp) {
    var map = S.u16.get(article.id);
    if (map === undefined) {
      map = null;
      if (/[\ud800-\udfff]/.test(article.text)) {
        map = [];
        for (var i = 0; i < article.text.length;) {
          map.push(i);
          i += article.text.codePointAt(i) > 0xffff ? 2 : 1;
        }
        map.push(article.text.length);
      }
      S.u16.set(article.id, map);
    }
    if (map === null) return cp;
    return map[Math.max(0, Math.min(cp, map.length - 1))];
  }

  /* UTF-16 index -> code point offset (for local search results). */
  function cpOf(article, unit) {
    u16(article, 0);
    var map = S.u16.get(article.id);
    if (map === null) return unit;
    var lo = 0, hi = map.length - 1;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (map[mid] < unit) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function slice(article, start, end) {
    return article.text.slice(u16(article, start), u16(article, end));
  }

  /* ---- dates --------------------------------------------------------------------------- */

  function parseDate(text) {
    if (!text) return null;
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
    if (!m) return null;
    var y = +m[1];
    if (!m[2]) return { lo: Date.UTC(y, 0, 1), hi: Date.UTC(y + 1, 0, 1), text: text, precision: "year" };
    var mo = +m[2] - 1;
    if (!m[3]) return { lo: Date.UTC(y, mo, 1), hi: Date.UTC(y, mo + 1, 1), text: text, precision: "month" };
    var lo = Date.UTC(y, mo, +m[3]);
    return { lo: lo, hi: lo + DAY, text: text, precision: "day" };
  }

  /* When a statement was made: said_on.date, else its article's date, else null. */
  function statementDate(t, article) {
    var p;
    if (t.said_on && t.said_on.date && (p = parseDate(t.said_on.date))) {
      p.source = "said";
      p.note = t.said_on.text;
      return p;
    }
    if (article && article.published && (p = parseDate(article.published))) {
      p.source = "published";
      if (t.said_on) p.note = t.said_on.text;
      return p;
    }
    return null;
  }

  function dateLabel(dt) {
    if (!dt) return "undated";
    if (dt.source === "said") return dt.text + " (\u201c" + dt.note + "\u201d)";
    return dt.text + " (article date)";
  }

  function cmpDate(a, b) {
    if (!a && !b) return 0;
    if (!a) return 1;
    if (!b) return -1;
    return a.lo - b.lo || a.hi - b.hi;
  }

  function isoDay(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }

  /* ---- the dossier, indexed ------------------------------------------------------------ */

  function outletOf(article) {
    return article && article.outlet ? article.outlet : "(unknown outlet)";
  }

  function articleLabel(article) {
    if (!article) return "(missing article)";
    if (article.title && article.title.trim()) return article.title.trim();
    return "(untitled) \u2014 " + article.source;
  }

  function mentionKey(m) {
    if (!m) return "-";
    if (m.entity && S.ent.has(m.entity)) return "e:" + m.entity;
    return "t:" + fold(m.text);
  }

  function mentionName(m) {
    if (!m) return "(unnamed source)";
    if (m.entity && S.ent.has(m.entity)) return S.ent.get(m.entity).name;
    return m.text;
  }

  function prepare(d) {
    S.d = d;
    d.articles.forEach(function (a, i) {
      a._i = i;
      S.art.set(a.id, a);
      S.attsByArticle.set(a.id, []);
    });
    d.entities.forEach(function (e) { S.ent.set(e.id, e); });
    d.claims.forEach(function (c) {
      S.claim.set(c.id, c);
      c.attributions.forEach(function (id) {
        if (!S.claimsByAtt.has(id)) S.claimsByAtt.set(id, []);
        S.claimsByAtt.get(id).push(c);
      });
    });
    d.attributions.forEach(function (t, i) {
      var a = S.art.get(t.article);
      t._i = i;
      S.att.set(t.id, t);
      if (S.attsByArticle.has(t.article)) S.attsByArticle.get(t.article).push(t);
      t._sk = mentionKey(t.speaker);
      t._sn = mentionName(t.speaker);
      t._outlet = outletOf(a);
      t._date = statementDate(t, a);
      S.speakerCount.set(t._sk, (S.speakerCount.get(t._sk) || 0) + 1);
      if (!S.speakerName.has(t._sk)) S.speakerName.set(t._sk, t._sn);
    });
  }

  function speakerRoles(t) {
    var roles = [];
    if (t.speaker && t.speaker.entity && S.ent.has(t.speaker.entity)) {
      roles = S.ent.get(t.speaker.entity).roles.slice();
    }
    return roles;
  }

  function colourMap(keys) {
    var counts = new Map();
    keys.forEach(function (k) { counts.set(k, (counts.get(k) || 0) + 1); });
    var order = Array.from(counts.keys()).sort(function (x, y) {
      return counts.get(y) - counts.get(x) || String(S.speakerName.get(x)).localeCompare(S.speakerName.get(y));
    });
    var map = new Map();
    order.forEach(function (k, i) { map.set(k, i < PALETTE.length ? PALETTE[i] : OTHER_COLOUR); });
    return map;
  }

  /* ---- routes -------------------------------------------------------------------------- */

  function href(view, id, params) {
    var out = "#/" + view;
    if (id) out += "/" + encodeURIComponent(id);
    if (params) {
      var qs = new URLSearchParams();
      Object.keys(params).forEach(function (k) {
        var v = params[k];
        if (v !== null && v !== undefined && v !== "") qs.set(k, String(v));
      });
      var text = qs.toString();
      if (text) out += "?" + text;
    }
    return out;
  }

  function evidenceHref(t) {
    return href("article", t.article, { at: t.start + "-" + t.end, t: t.id });
  }

  function parseRoute() {
    var raw = location.hash.replace(/^#/, "");
    var legacy = /^(article|attribution|claim|entity|story)-(.+)$/.exec(raw);
    if (legacy) {
      var id = legacy[2];
      if (legacy[1] === "article") return { view: "article", id: id, params: new URLSearchParams() };
      if (legacy[1] === "attribution" && S.att.has(id)) {
        var t = S.att.get(id);
        return { view: "article", id: t.article, params: new URLSearchParams({ at: t.start + "-" + t.end, t: id }) };
      }
      if (legacy[1] === "claim") return { view: "board", id: null, params: new URLSearchParams({ mode: "claims", claim: id }) };
      return { view: "overview", id: null, params: new URLSearchParams() };
    }
    if (raw.charAt(0) !== "/") return raw === "" ? { view: "overview", id: null, params: new URLSearchParams() } : null;
    var q = raw.indexOf("?");
    var path = q < 0 ? raw : raw.slice(0, q);
    var params = new URLSearchParams(q < 0 ? "" : raw.slice(q + 1));
    var parts = path.split("/").filter(Boolean).map(function (p) {
      try { return decodeURIComponent(p); } catch (e) { return p; }
    });
    var view = VIEWS.indexOf(parts[0]) >= 0 ? parts[0] : "overview";
    return { view: view, id: parts[1] || null, params: params };
  }

  function replaceParams(view, id, params) {
    var target = href(view, id, params);
    history.replaceState(null, "", target);
    S.route = parseRoute() || S.route;
  }

  /* ---- shared widgets ------------------------------------------------------------------ */

  function stanceBadge(stance) {
    return h("span", { "class": "badge stance-" + stance, title: "stance: " + stance },
      h("span", { "class": "glyph", "aria-hidden": "true" }, STANCE_MARK[stance] || "\u00b7"),
      " " + (STANCE_LABEL[stance] || stance));
  }

  function speakerBlock(t) {
    var roles = speakerRoles(t);
    var written = t.speaker && t.speaker.text !== t._sn ? t.speaker.text : null;
    return h("span", { "class": "who" },
      h("a", { "class": "speaker-name", href: href("board", null, { speaker: t._sk }) }, t._sn),
      roles.length ? h("span", { "class": "roles" }, roles.join(", ")) : null,
      written ? h("span", { "class": "written" }, "as written: \u201c" + written + "\u201d") : null);
  }

  function figureChips(t) {
    if (!t.quantities.length) return null;
    return h("span", { "class": "figures" }, t.quantities.map(function (q) {
      return h("span", { "class": "chip figure-chip", title: "\u201c" + q.text + "\u201d" },
        (q.approx ? "~" : "") + fmtNum(q.value) + (q.unit ? " " + q.unit : ""),
        q.qualifier && !q.approx ? " (" + q.qualifier + ")" : null);
    }));
  }

  function viaChain(t) {
    var a = S.art.get(t.article);
    var parts = [t._outlet];
    t.via.forEach(function (m) { parts.push(mentionName(m)); });
    parts.push(t._sn);
    if (!t.via.length && !(a && a.agencies.length)) return parts.join(" \u2190 ");
    var chain = parts.join(" \u2190 ");
    if (a && a.agencies.length) chain += " (text credited to " + a.agencies.join(", ") + ")";
    return chain;
  }

  function evidenceLink(t, label) {
    return h("a", { "class": "evidence", href: evidenceHref(t), title: "open the article at this statement" },
      label || "evidence \u203a");
  }

  /* The sentence with one span in it marked (figure, content …). Offsets are code points. */
  function sentenceWith(t, start, end) {
    var a = S.art.get(t.article);
    var sen = t.sentence;
    if (!a || start === null || start < sen.start || end > sen.end) {
      return h("q", { "class": "sentence" }, sen.text);
    }
    return h("q", { "class": "sentence" },
      slice(a, sen.start, start), h("mark", null, slice(a, start, end)), slice(a, end, sen.end));
  }

  function pager(list, total, renderRows, label) {
    var shown = 0;
    var more = h("button", { type: "button", "class": "more" });
    function step() {
      var next = Math.min(total, shown + PAGE);
      renderRows(shown, next);
      shown = next;
      if (shown >= total) { if (more.parentNode) more.remove(); }
      else more.textContent = "Show " + Math.min(PAGE, total - shown) + " more " + label + " (" + (total - shown) + " left)";
    }
    more.addEventListener("click", step);
    step();
    return shown >= total ? null : more;
  }

  function selectBox(id, label, options, value, onchange) {
    var sel = h("select", { id: id, name: id });
    options.forEach(function (o) {
      var opt = h("option", { value: o[0] }, o[1]);
      if (o[0] === value) opt.selected = true;
      sel.appendChild(opt);
    });
    sel.addEventListener("change", function () { onchange(sel.value); });
    return h("label", { "class": "filter", "for": id }, h("span", null, label), sel);
  }

  function table(headers, cls) {
    var tbody = h("tbody");
    var t = h("table", { "class": cls || "" },
      h("thead", null, h("tr", null, headers.map(function (x) { return h("th", { scope: "col" }, x); }))),
      tbody);
    return { table: t, body: tbody };
  }

  /* ---- overview ------------------------------------------------------------------------ */

  function tile(label, value, detail) {
    return h("div", { "class": "tile" }, h("div", { "class": "tile-value" }, value),
      h("div", { "class": "tile-label" }, label), detail ? h("div", { "class": "tile-detail" }, detail) : null);
  }

  function unionFind(keys) {
    var parent = new Map();
    keys.forEach(function (k) { parent.set(k, k); });
    function find(x) {
      while (parent.get(x) !== x) { parent.set(x, parent.get(parent.get(x))); x = parent.get(x); }
      return x;
    }
    return {
      find: find,
      union: function (a, b) { if (parent.has(a) && parent.has(b)) parent.set(find(a), find(b)); },
      groups: function () {
        var g = new Map();
        keys.forEach(function (k) {
          var r = find(k);
          if (!g.has(r)) g.set(r, []);
          g.get(r).push(k);
        });
        return Array.from(g.values());
      }
    };
  }

  function reuseGroups() {
    var uf = unionFind(S.d.articles.map(function (a) { return a.id; }));
    S.d.reuse.forEach(function (r) { uf.union(r.a, r.b); });
    return uf.groups().filter(function (g) { return g.length > 1; }).map(function (g) {
      return g.map(function (id) { return S.art.get(id); }).sort(function (x, y) { return x._i - y._i; });
    });
  }

  function renderOverview(main) {
    var d = S.d;
    var sum = d.summary;
    main.appendChild(h("h2", null, "Overview"));

    var stories = h("section", { id: "ov-stories", "class": "block" }, h("h3", null, "Stories"));
    if (d.stories.length) {
      var ul = h("ul", { "class": "stories" });
      d.stories.forEach(function (st) {
        var arts = st.articles.map(function (id) { return S.art.get(id); }).filter(Boolean);
        var dates = arts.map(function (a) { return a.published; }).filter(Boolean).sort();
        var outlets = Array.from(new Set(arts.map(outletOf)));
        ul.appendChild(h("li", null, h("b", null, st.label), " \u2014 " + plural(arts.length, "article"),
          dates.length ? ", " + dates[0] + (dates[dates.length - 1] !== dates[0] ? " to " + dates[dates.length - 1] : "") : "",
          h("div", { "class": "muted" }, outlets.join(", "))));
      });
      stories.appendChild(ul);
    } else {
      stories.appendChild(notComputed("Story clusters", "All " + plural(d.articles.length, "article") + " are shown together; the cross-article stage fills stories[]."));
    }
    main.appendChild(stories);

    var figures = d.attributions.filter(function (t) { return t.quantities.length; }).length;
    var origins = "\u2014";
    var originsDetail = "not computed yet";
    if (d.claims.length) {
      var max = Math.max.apply(null, d.claims.map(function (c) { return c.independent_origins; }));
      origins = String(max);
      originsDetail = "most for one claim, over " + plural(d.claims.length, "claim");
    }
    var copies = null;
    if (d.reuse.length) {
      var groups = reuseGroups();
      var inGroups = groups.reduce(function (n, g) { return n + g.length; }, 0);
      copies = d.articles.length - inGroups + groups.length;
    }
    main.appendChild(h("div", { "class": "tiles" },
      tile("articles", String(sum.articles), plural(Object.keys(sum.outlets).length, "known outlet")),
      tile("date range", sum.date_range.first ? (sum.date_range.first === sum.date_range.last ? sum.date_range.first : sum.date_range.first + " \u2013 " + sum.date_range.last) : "no dates"),
      tile("statements", String(d.attributions.length), plural(S.speakerCount.size, "speaker") + ", " + figures + " with figures"),
      tile("independent origins", origins, originsDetail),
      tile("independent texts", copies === null ? "\u2014" : String(copies),
        copies === null ? "text reuse not computed yet" : "after collapsing reprinted copy"),
      tile("skipped inputs", String(sum.skipped))));

    if (d.claims.length) {
      var top = d.claims.slice().sort(function (a, b) { return b.independent_origins - a.independent_origins || b.articles.length - a.articles.length; }).slice(0, 5);
      var sec = h("section", { "class": "block" }, h("h3", null, "Best-corroborated claims"));
      var list = h("ol");
      top.forEach(function (c) {
        list.appendChild(h("li", null, h("a", { href: href("board", null, { mode: "claims", claim: c.id }) }, c.summary),
          " \u2014 " + plural(c.independent_origins, "independent origin") + ", " + plural(c.articles.length, "article")));
      });
      sec.appendChild(list);
      main.appendChild(sec);
    }

    /* outlets and their dates */
    var byOutlet = new Map();
    d.articles.forEach(function (a) {
      var k = outletOf(a);
      if (!byOutlet.has(k)) byOutlet.set(k, []);
      byOutlet.get(k).push(a);
    });
    var ot = table(["Outlet", "Articles", "Dates", "Agencies credited"], "outlets");
    Array.from(byOutlet.keys()).sort(function (x, y) { return byOutlet.get(y).length - byOutlet.get(x).length || x.localeCompare(y); })
      .forEach(function (k) {
        var arts = byOutlet.get(k);
        var dates = Array.from(new Set(arts.map(function (a) { return a.published || "undated"; }))).sort();
        var ag = Array.from(new Set([].concat.apply([], arts.map(function (a) { return a.agencies; }))));
        ot.body.appendChild(h("tr", null, h("td", null, k), h("td", { "class": "num" }, String(arts.length)),
          h("td", null, dates.join(", ")), h("td", null, ag.length ? ag.join(", ") : "none")));
      });
    main.appendChild(h("section", { "class": "block", id: "ov-outlets" }, h("h3", null, "Outlets and dates"), ot.table));

    var agencies = Object.keys(sum.agencies);
    var agSec = h("section", { "class": "block", id: "ov-agencies" }, h("h3", null, "Agencies behind the text"));
    if (agencies.length) {
      agSec.appendChild(h("p", null, agencies.sort(function (x, y) { return sum.agencies[y] - sum.agencies[x] || x.localeCompare(y); })
        .map(function (g) { return g + " (" + plural(sum.agencies[g], "article") + ")"; }).join(", ")));
    } else agSec.appendChild(note("No article credits a wire agency."));
    main.appendChild(agSec);

    /* who is quoted */
    var speakers = Array.from(S.speakerCount.keys()).sort(function (x, y) { return S.speakerCount.get(y) - S.speakerCount.get(x) || String(S.speakerName.get(x)).localeCompare(S.speakerName.get(y)); });
    var st = table(["Speaker", "Statements", "Stances"], "speakers");
    var stances = new Map();
    d.attributions.forEach(function (t) {
      if (!stances.has(t._sk)) stances.set(t._sk, {});
      stances.get(t._sk)[t.stance] = (stances.get(t._sk)[t.stance] || 0) + 1;
    });
    speakers.slice(0, 15).forEach(function (k) {
      var counts = stances.get(k);
      st.body.appendChild(h("tr", null,
        h("td", null, h("a", { href: href("board", null, { speaker: k }) }, S.speakerName.get(k))),
        h("td", { "class": "num" }, String(S.speakerCount.get(k))),
        h("td", null, STANCES.filter(function (x) { return counts[x]; }).map(function (x) {
          return h("span", { "class": "mini stance-" + x }, STANCE_MARK[x] + " " + STANCE_LABEL[x] + " " + counts[x]);
        }))));
    });
    var quoted = h("section", { "class": "block", id: "ov-speakers" }, h("h3", null, "Who is quoted"));
    if (speakers.length) {
      quoted.appendChild(st.table);
      if (speakers.length > 15) quoted.appendChild(note("and " + plural(speakers.length - 15, "more speaker") + " on the claim board."));
    } else quoted.appendChild(note("No attributions in this dossier."));
    main.appendChild(quoted);

    /* articles */
    var at = table(["Published", "Outlet", "Title", "Agencies", "Statements"], "articles");
    var artSec = h("section", { "class": "block", id: "ov-articles" }, h("h3", null, "Articles"), at.table);
    if (!d.articles.length) artSec.appendChild(note("No articles in this dossier."));
    var more = pager(d.articles, d.articles.length, function (from, to) {
      for (var i = from; i < to; i++) {
        var a = d.articles[i];
        at.body.appendChild(h("tr", null, h("td", null, a.published || "undated"), h("td", null, outletOf(a)),
          h("td", { lang: a.language !== "other" ? a.language : null }, h("a", { href: href("article", a.id) }, articleLabel(a))),
          h("td", null, a.agencies.join(", ")),
          h("td", { "class": "num" }, String(S.attsByArticle.get(a.id).length))));
      }
    }, "articles");
    append(artSec, [more]);
    main.appendChild(artSec);

    if (d.skipped.length) {
      var sk = h("ul");
      d.skipped.forEach(function (x) {
        sk.appendChild(h("li", null, h("code", null, x.source + (x.locator ? " (" + x.locator + ")" : "")), ": " + x.problem + " (" + x.kind + ")"));
      });
      main.appendChild(h("section", { "class": "block", id: "ov-skipped" }, h("h3", null, "Skipped inputs"), sk));
    }
  }

  /* ---- claim board --------------------------------------------------------------------- */

  function renderBoard(main, route) {
    var d = S.d;
    var p = route.params;
    var mode = p.get("mode") || (d.claims.length ? "claims" : "statements");
    if (mode !== "claims") mode = "statements";
    main.appendChild(h("h2", null, "Claim board"));
    main.appendChild(h("p", { "class": "modes", role: "group", "aria-label": "Board" },
      h("a", { href: href("board", null, { mode: "claims" }), "aria-current": mode === "claims" ? "true" : null }, "Claims (" + d.claims.length + ")"),
      " ",
      h("a", { href: href("board", null, { mode: "statements" }), "aria-current": mode === "statements" ? "true" : null }, "Statements (" + d.attributions.length + ")")));
    if (mode === "claims" && !d.claims.length) {
      main.appendChild(notComputed("Claims", "Each statement is shown on its own below; the cross-article stage groups them into claims."));
      mode = "statements";
    } else if (mode === "statements" && !d.claims.length) {
      main.appendChild(notComputed("Claims", "Until the cross-article stage groups statements into claims, the board shows each statement (attribution) on its own."));
    }
    var state = {
      mode: mode, speaker: p.get("speaker") || "", stance: p.get("stance") || "",
      outlet: p.get("outlet") || "", sort: p.get("sort") || "date", q: p.get("q") || "",
      claim: p.get("claim") || ""
    };
    var listBox = h("div", { id: "board-list" });
    function update(key, value) {
      state[key] = value;
      replaceParams("board", null, state);
      drawList();
    }
    var speakerOpts = [["", "all speakers"]];
    Array.from(S.speakerCount.keys()).sort(function (x, y) { return String(S.speakerName.get(x)).localeCompare(S.speakerName.get(y)); })
      .forEach(function (k) { speakerOpts.push([k, S.speakerName.get(k) + " (" + S.speakerCount.get(k) + ")"]); });
    var stanceCounts = {};
    d.attributions.forEach(function (t) { stanceCounts[t.stance] = (stanceCounts[t.stance] || 0) + 1; });
    var stanceOpts = [["", "all stances"]].concat(STANCES.filter(function (x) { return stanceCounts[x]; }).map(function (x) { return [x, STANCE_LABEL[x] + " (" + stanceCounts[x] + ")"]; }));
    var outlets = Array.from(new Set(d.articles.map(outletOf))).sort();
    var outletOpts = [["", "all outlets"]].concat(outlets.map(function (o) { return [o, o]; }));
    var sortOpts = [["date", "date, earliest first"], ["-date", "date, latest first"]];
    if (mode === "claims") sortOpts.push(["corroboration", "corroboration (independent origins)"]);
    var qInput = h("input", { type: "search", id: "f-q", value: state.q, placeholder: "words in the statement" });
    qInput.addEventListener("input", function () { update("q", qInput.value); });
    main.appendChild(h("div", { "class": "toolbar" },
      selectBox("f-speaker", "Speaker", speakerOpts, state.speaker, function (v) { update("speaker", v); }),
      selectBox("f-stance", "Stance", stanceOpts, state.stance, function (v) { update("stance", v); }),
      selectBox("f-outlet", "Outlet", outletOpts, state.outlet, function (v) { update("outlet", v); }),
      selectBox("f-sort", "Sort by", sortOpts, state.sort, function (v) { update("sort", v); }),
      h("label", { "class": "filter", "for": "f-q" }, h("span", null, "Text"), qInput)));
    main.appendChild(listBox);

    function matches(t) {
      if (state.speaker && t._sk !== state.speaker) return false;
      if (state.stance && t.stance !== state.stance) return false;
      if (state.outlet && t._outlet !== state.outlet) return false;
      if (state.q && fold(t.sentence.text).indexOf(fold(state.q)) < 0 && fold(t._sn).indexOf(fold(state.q)) < 0) return false;
      return true;
    }

    function drawList() {
      listBox.replaceChildren();
      if (state.mode === "claims") drawClaims(listBox, state);
      else drawStatements(listBox, state, matches);
    }
    drawList();
  }

  function drawStatements(box, state, matches) {
    var rows = S.d.attributions.filter(matches);
    rows.sort(function (x, y) {
      var c = cmpDate(x._date, y._date);
      if (state.sort === "-date") c = x._date && y._date ? -c : c;
      return c || S.art.get(x.article)._i - S.art.get(y.article)._i || x.start - y.start;
    });
    box.appendChild(h("p", { "class": "count", id: "board-count", "aria-live": "polite" },
      "Showing " + rows.length + " of " + plural(S.d.attributions.length, "statement")));
    if (!rows.length) {
      box.appendChild(note(S.d.attributions.length ? "No statement matches these filters." : "No attributions in this dossier."));
      return;
    }
    var tb = table(["Date", "Speaker", "Stance", "Statement", "Outlet", "Through"], "board");
    box.appendChild(tb.table);
    append(box, [pager(rows, rows.length, function (from, to) {
      for (var i = from; i < to; i++) tb.body.appendChild(statementRow(rows[i]));
    }, "statements")]);
  }

  function statementRow(t) {
    var a = S.art.get(t.article);
    var claims = S.claimsByAtt.get(t.id) || [];
    return h("tr", { "class": "stmt", "data-id": t.id, "data-stance": t.stance, id: "stmt-" + t.id },
      h("td", { "class": "date" }, t._date ? t._date.text : "undated",
        h("span", { "class": "muted block" }, t._date ? (t._date.source === "said" ? "said \u201c" + t._date.note + "\u201d" : "article date") : "")),
      h("td", null, speakerBlock(t)),
      h("td", null, stanceBadge(t.stance), h("span", { "class": "muted block" }, MODE_LABEL[t.mode] || t.mode)),
      h("td", { "class": "content", lang: a && a.language !== "other" ? a.language : null },
        h("a", { "class": "evidence", href: evidenceHref(t), title: "open the article at this statement" },
          t.mode === "direct" ? "\u201c" + t.content.text + "\u201d" : t.content.text),
        figureChips(t),
        claims.length ? h("span", { "class": "muted block" }, "claim: ", claims.map(function (c) {
          return h("a", { href: href("board", null, { mode: "claims", claim: c.id }) }, short(c.summary, 60));
        })) : null),
      h("td", null, t._outlet, h("span", { "class": "muted block" }, short(articleLabel(a), 70))),
      h("td", { "class": "via" }, t.via.length ? t.via.map(function (m) { return mentionName(m); }).join(" \u2190 ") : "\u2014"));
  }

  function drawClaims(box, state) {
    var d = S.d;
    var fq = fold(state.q);
    var claims = d.claims.filter(function (c) {
      if (state.claim && c.id !== state.claim) return false;
      var atts = c.attributions.map(function (id) { return S.att.get(id); }).filter(Boolean);
      if (state.speaker && !c.speakers.some(function (m) { return mentionKey(m) === state.speaker; }) &&
        !atts.some(function (t) { return t._sk === state.speaker; })) return false;
      if (state.stance && !atts.some(function (t) { return t.stance === state.stance; })) return false;
      if (state.outlet && !c.articles.some(function (id) { return outletOf(S.art.get(id)) === state.outlet; })) return false;
      if (fq && fold(c.summary).indexOf(fq) < 0 &&
        !atts.some(function (t) { return fold(t.sentence.text).indexOf(fq) >= 0; })) return false;
      return true;
    });
    claims.sort(function (x, y) {
      if (state.sort === "corroboration") return y.independent_origins - x.independent_origins || y.articles.length - x.articles.length;
      var c = cmpDate(parseDate(x.first_seen), parseDate(y.first_seen));
      return state.sort === "-date" ? -c : c;
    });
    box.appendChild(h("p", { "class": "count", id: "board-count", "aria-live": "polite" },
      "Showing " + claims.length + " of " + plural(d.claims.length, "claim") +
      (state.claim ? " (one claim: " : ""), state.claim ? h("a", { href: href("board", null, { mode: "claims" }) }, "show all") : null, state.claim ? ")" : ""));
    if (!claims.length) { box.appendChild(note("No claim matches these filters.")); return; }
    var list = h("div", { "class": "claims" });
    box.appendChild(list);
    append(box, [pager(claims, claims.length, function (from, to) {
      for (var i = from; i < to; i++) list.appendChild(claimCard(claims[i]));
    }, "claims")]);
  }

  function uniqueSpeakers(mentions) {
    var seen = new Set();
    return mentions.filter(function (m) {
      var k = mentionKey(m);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }

  function claimCard(c) {
    var atts = c.attributions.map(function (id) { return S.att.get(id); }).filter(Boolean);
    var stances = Array.from(new Set(atts.map(function (t) { return t.stance; })));
    var outlets = Array.from(new Set(c.articles.map(function (id) { return outletOf(S.art.get(id)); })));
    var chains = Array.from(new Set(atts.map(viaChain)));
    var figures = [];
    atts.forEach(function (t) { t.quantities.forEach(function (q) { figures.push((q.approx ? "~" : "") + fmtNum(q.value) + (q.unit ? " " + q.unit : "")); }); });
    figures = Array.from(new Set(figures));
    var rel = S.d.relations.filter(function (r) { return r.a === c.id || r.b === c.id; });
    var stmts = h("ul", { "class": "claim-atts" });
    atts.slice().sort(function (x, y) { return cmpDate(x._date, y._date); }).forEach(function (t) {
      stmts.appendChild(h("li", null, stanceBadge(t.stance), " ", h("b", null, t._outlet), ", " + (t._date ? t._date.text : "undated") + ": ",
        h("a", { "class": "evidence", href: evidenceHref(t) }, short(t.content.text, 160))));
    });
    return h("article", { "class": "claim", id: "claim-" + c.id, "data-id": c.id },
      h("h3", null, c.summary),
      h("dl", { "class": "facts" },
        h("dt", null, "Speakers"), h("dd", null, uniqueSpeakers(c.speakers).map(function (m, i) {
          var e = m.entity && S.ent.get(m.entity);
          return [i ? "; " : "", h("b", null, e ? e.name : m.text), e && e.roles.length ? " (" + e.roles.join(", ") + ")" : ""];
        })),
        h("dt", null, "Stance"), h("dd", null, stances.map(stanceBadge)),
        h("dt", null, "Figures"), h("dd", null, figures.length ? figures.join(", ") : "none"),
        h("dt", null, "First seen"), h("dd", null, c.first_seen || "unknown"),
        h("dt", null, "Outlets"), h("dd", null, outlets.join(", ")),
        h("dt", null, "Independent origins"), h("dd", { "class": "origins" }, String(c.independent_origins)),
        h("dt", null, "Chain"), h("dd", null, chains.map(function (x) { return h("span", { "class": "block" }, x); })),
        rel.length ? [h("dt", null, "Relations"), h("dd", null, rel.map(function (r) {
          var other = r.a === c.id ? r.b : r.a;
          var oc = S.claim.get(other);
          var verb = r.a === c.id ? r.kind : r.kind + " (by)";
          return h("span", { "class": "block" }, verb + " ", h("a", { href: href("board", null, { mode: "claims", claim: other }) }, oc ? short(oc.summary, 80) : other), ": " + r.explanation);
        }))] : null),
      h("details", null, h("summary", null, plural(atts.length, "statement") + " in " + plural(c.articles.length, "article")), stmts));
  }

  /* ---- charts: time axis, tooltip, detail ---------------------------------------------- */

  function timeAxis(dates, x0, x1) {
    var dated = dates.filter(Boolean);
    var lo = Math.min.apply(null, dated.map(function (d) { return d.lo; }));
    var hi = Math.max.apply(null, dated.map(function (d) { return d.hi; }));
    if (!dated.length) return { x: function () { return x0; }, ticks: [], lo: 0, hi: 0, none: true };
    if (hi - lo < 4 * DAY) { lo -= 2 * DAY; hi += 2 * DAY; }
    var pad = (hi - lo) * 0.03;
    lo -= pad; hi += pad;
    function x(ms) { return x0 + (ms - lo) / (hi - lo) * (x1 - x0); }
    var span = (hi - lo) / DAY;
    var ticks = [];
    var t = new Date(lo);
    if (span <= 20) {
      t = Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + 1);
      var stepDays = span <= 10 ? 1 : 2;
      for (; t <= hi; t += stepDays * DAY) ticks.push({ ms: t, label: new Date(t).getUTCDate() + " " + MONTHS[new Date(t).getUTCMonth()] });
    } else if (span <= 120) {
      t = Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + 1);
      for (; t <= hi; t += 7 * DAY) ticks.push({ ms: t, label: new Date(t).getUTCDate() + " " + MONTHS[new Date(t).getUTCMonth()] });
    } else if (span <= 1100) {
      var m = Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1);
      var every = span <= 400 ? 1 : 3;
      for (; m <= hi; m = Date.UTC(new Date(m).getUTCFullYear(), new Date(m).getUTCMonth() + every, 1)) {
        ticks.push({ ms: m, label: MONTHS[new Date(m).getUTCMonth()] + " " + new Date(m).getUTCFullYear() });
      }
    } else {
      for (var y = t.getUTCFullYear() + 1; Date.UTC(y, 0, 1) <= hi; y++) ticks.push({ ms: Date.UTC(y, 0, 1), label: String(y) });
    }
    return { x: x, ticks: ticks, lo: lo, hi: hi };
  }

  function drawTimeTicks(svg, axis, y0, y1, x0, x1) {
    if (axis.none) {
      svg.appendChild(s("text", { "class": "tick", x: (x0 + x1) / 2, y: (y0 + y1) / 2, "text-anchor": "middle" }, "no date is known for these statements"));
      return;
    }
    axis.ticks.forEach(function (tk) {
      var xx = axis.x(tk.ms);
      svg.appendChild(s("line", { "class": "grid", x1: xx, x2: xx, y1: y0, y2: y1 }));
      svg.appendChild(s("text", { "class": "tick", x: xx, y: y1 + 16, "text-anchor": "middle" }, tk.label));
    });
  }

  function chartWrap() {
    var tip = h("div", { "class": "tip", role: "tooltip", hidden: true });
    var wrap = h("div", { "class": "chart-wrap" }, tip);
    return { wrap: wrap, tip: tip };
  }

  function showTip(wrap, tip, mark, lines) {
    tip.replaceChildren();
    lines.forEach(function (l, i) { tip.appendChild(h(i === lines.length - 1 ? "q" : "div", { "class": i === lines.length - 1 ? "sentence" : "tip-line" }, l)); });
    tip.hidden = false;
    var wr = wrap.getBoundingClientRect();
    var mr = mark.getBoundingClientRect();
    var left = mr.left - wr.left + mr.width / 2 - tip.offsetWidth / 2;
    left = Math.max(4, Math.min(left, wr.width - tip.offsetWidth - 4));
    var top = mr.top - wr.top - tip.offsetHeight - 10;
    if (top < 0) top = mr.bottom - wr.top + 10;
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }

  /* A focusable mark: hover/focus shows the sentence, click/Enter pins it in the detail box. */
  /* The nearest x to cx where a mark of radius r does not cover one already placed. */
  function freeSpot(placed, cx, cy, r) {
    var d = 2 * r + 2;
    for (var k = 0; k < 40; k++) {
      var x = cx + (k % 2 ? 1 : -1) * Math.ceil(k / 2) * d;
      if (!placed.some(function (p) { return Math.abs(p[0] - x) < d && Math.abs(p[1] - cy) < d; })) {
        placed.push([x, cy]);
        return x;
      }
    }
    placed.push([cx, cy]);
    return cx;
  }

  function bindMark(g, wrap, tip, tipLines, select) {
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    g.addEventListener("mouseenter", function () { showTip(wrap, tip, g, tipLines()); });
    g.addEventListener("focus", function () { showTip(wrap, tip, g, tipLines()); });
    g.addEventListener("mouseleave", function () { tip.hidden = true; });
    g.addEventListener("blur", function () { tip.hidden = true; });
    g.addEventListener("click", select);
    g.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); select(); }
    });
  }

  function statementDetail(box, t, q) {
    var a = S.art.get(t.article);
    fill(box, 
      h("div", { "class": "detail-head" },
        q ? h("span", { "class": "detail-figure" }, (q.approx ? "~" : "") + fmtNum(q.value) + (q.unit ? " " + q.unit : "")) : stanceBadge(t.stance),
        " ", speakerBlock(t)),
      h("div", { "class": "muted" }, (q ? STANCE_LABEL[t.stance] + " \u00b7 " : "") + dateLabel(t._date) + " \u00b7 " + t._outlet + " \u00b7 " + articleLabel(a)),
      h("p", { lang: a && a.language !== "other" ? a.language : null }, q ? sentenceWith(t, q.start, q.end) : sentenceWith(t, t.content.start, t.content.end)),
      t.via.length ? h("div", { "class": "muted" }, "through: " + viaChain(t)) : null,
      h("p", null, evidenceLink(t, "Open in the article \u203a")));
    box.hidden = false;
  }

  /* ---- figure timeline ----------------------------------------------------------------- */

  function unitKey(unit) {
    return unit ? fold(unit).trim() : "";
  }

  function figurePoints() {
    var pts = [];
    S.d.attributions.forEach(function (t) {
      t.quantities.forEach(function (q, i) { pts.push({ t: t, q: q, i: i, unit: unitKey(q.unit), date: t._date }); });
    });
    return pts;
  }

  function niceStep(range, count) {
    var raw = range / Math.max(1, count);
    var mag = Math.pow(10, Math.floor(Math.log10(raw)));
    var n = raw / mag;
    return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * mag;
  }

  function valueAxis(values, y0, y1) {
    var pos = values.filter(function (v) { return v > 0; });
    var min = Math.min.apply(null, values), max = Math.max.apply(null, values);
    if (pos.length === values.length && pos.length && max / Math.min.apply(null, pos) > 25) {
      var lmin = Math.floor(Math.log10(Math.min.apply(null, pos))), lmax = Math.ceil(Math.log10(max));
      if (lmax === lmin) lmax += 1;
      var ticks = [];
      for (var e = lmin; e <= lmax; e++) {
        [1, 2, 5].forEach(function (m) { var v = m * Math.pow(10, e); if (v >= Math.pow(10, lmin) && v <= Math.pow(10, lmax)) ticks.push(v); });
      }
      return {
        log: true, ticks: ticks,
        y: function (v) { return y0 - (Math.log10(Math.max(v, Math.pow(10, lmin))) - lmin) / (lmax - lmin) * (y0 - y1); }
      };
    }
    var lo = Math.min(0, min);
    var step = niceStep((max - lo) || 1, 5);
    var hi = Math.ceil((max || 1) / step) * step;
    if (hi === max) hi += step;
    var tks = [];
    for (var v = lo; v <= hi + step / 2; v += step) tks.push(v);
    return { log: false, ticks: tks, y: function (val) { return y0 - (val - lo) / (hi - lo) * (y0 - y1); } };
  }

  function renderTimeline(main, route) {
    main.appendChild(h("h2", null, "Figure timeline"));
    var pts = figurePoints();
    if (!pts.length) {
      main.appendChild(note("No statement in this dossier gives a figure."));
      return;
    }
    main.appendChild(h("p", { "class": "lede" }, "One mark per figure in a statement, placed at the date it was said (or, failing that, its article's date) and labelled with the speaker. A bar across a mark means the date is known only to the month or year. Hover or focus a mark to read the sentence; click it to keep it below the chart."));
    var byUnit = new Map();
    pts.forEach(function (p) {
      if (!byUnit.has(p.unit)) byUnit.set(p.unit, []);
      byUnit.get(p.unit).push(p);
    });
    var units = Array.from(byUnit.keys()).sort(function (x, y) { return byUnit.get(y).length - byUnit.get(x).length || x.localeCompare(y); });
    var chosen = route.params.get("unit");
    var opts = [["", "all (" + units.length + ")"]].concat(units.map(function (u) {
      return [u || "-", unitLabel(byUnit.get(u)) + " (" + byUnit.get(u).length + ")"];
    }));
    main.appendChild(h("div", { "class": "toolbar" }, selectBox("f-unit", "What is counted", opts, chosen || "", function (v) {
      location.hash = href("timeline", null, { unit: v });
    })));
    var shown = chosen ? units.filter(function (u) { return (u || "-") === chosen; }) : units.slice(0, 8);
    shown.forEach(function (u) { main.appendChild(unitPanel(u, byUnit.get(u))); });
    if (!chosen && units.length > 8) main.appendChild(note((units.length - 8) + " more counted things: choose one above."));
  }

  function unitLabel(points) {
    var counts = new Map();
    points.forEach(function (p) { var u = p.q.unit || "(no unit given)"; counts.set(u, (counts.get(u) || 0) + 1); });
    return Array.from(counts.keys()).sort(function (x, y) { return counts.get(y) - counts.get(x); })[0];
  }

  function unitPanel(unit, points) {
    points = points.slice().sort(function (a, b) { return cmpDate(a.date, b.date) || a.q.value - b.q.value; });
    var label = unitLabel(points);
    var panel = h("section", { "class": "block unit-panel", "data-unit": unit || "-" },
      h("h3", null, label + " ", h("span", { "class": "muted" }, "\u2014 " + plural(points.length, "mark"))));
    var W = 920, H = 300, L = 70, R = 16, T = 18, B = 40;
    var anyUndated = points.some(function (p) { return !p.date; });
    var undatedW = anyUndated ? 90 : 0;
    var axis = timeAxis(points.map(function (p) { return p.date; }), L, W - R - undatedW - (anyUndated ? 12 : 0));
    var vax = valueAxis(points.map(function (p) { return p.q.value; }), H - B, T);
    var colours = colourMap(points.map(function (p) { return p.t._sk; }));
    var svg = s("svg", { viewBox: "0 0 " + W + " " + H, "class": "chart timeline", role: "group", "aria-label": "Figures for " + label + " over time" });
    vax.ticks.forEach(function (v) {
      var yy = vax.y(v);
      svg.appendChild(s("line", { "class": "grid", x1: L, x2: W - R, y1: yy, y2: yy }));
      svg.appendChild(s("text", { "class": "tick", x: L - 6, y: yy + 4, "text-anchor": "end" }, fmtNum(v)));
    });
    drawTimeTicks(svg, axis, T, H - B, L, W - R - undatedW);
    svg.appendChild(s("line", { "class": "axis", x1: L, x2: W - R, y1: H - B, y2: H - B }));
    if (anyUndated) {
      var ux = W - R - undatedW;
      svg.appendChild(s("rect", { "class": "undated-band", x: ux, y: T, width: undatedW, height: H - B - T }));
      svg.appendChild(s("text", { "class": "tick", x: ux + undatedW / 2, y: H - B + 16, "text-anchor": "middle" }, "undated"));
    }
    if (vax.log) svg.appendChild(s("text", { "class": "tick", x: L, y: T - 6 }, "log scale"));
    var c = chartWrap();
    var detail = h("div", { "class": "detail", "aria-live": "polite", hidden: true });
    var placed = [];
    var undatedSeen = 0;
    var marks = [];
    points.forEach(function (p) {
      var cx, x1 = null, x2 = null;
      if (p.date) {
        cx = axis.x((p.date.lo + p.date.hi) / 2);
        if (p.date.precision !== "day") { x1 = axis.x(p.date.lo); x2 = axis.x(p.date.hi); }
      } else {
        cx = W - R - undatedW + 18 + (undatedSeen++ % 4) * 18;
      }
      var cy = vax.y(p.q.value);
      cx = freeSpot(marks, cx, cy, 7);
      var colour = colours.get(p.t._sk);
      var g = s("g", {
        "class": "mark fig-mark", "data-att": p.t.id, "data-value": p.q.value,
        "aria-label": fmtNum(p.q.value) + " " + (p.q.unit || "") + " \u2014 " + p.t._sn + ", " + dateLabel(p.date) + ", " + p.t._outlet
      });
      if (x1 !== null) g.appendChild(s("line", { "class": "whisker", x1: x1, x2: x2, y1: cy, y2: cy, stroke: colour }));
      g.appendChild(s("circle", { cx: cx, cy: cy, r: 7, fill: p.q.approx ? "none" : colour, stroke: colour, "stroke-width": p.q.approx ? 3 : 1.5 }));
      var text = short(p.t._sn, 26) + " " + (p.q.approx ? "~" : "") + fmtNum(p.q.value);
      var lw = text.length * 6.3, lx = cx + 10, ly = cy + 4;
      if (lx + lw > W - R) lx = cx - 10 - lw;
      /* a label where it overlaps no other label, or none: the tooltip names the speaker */
      var offsets = [0, -14, 14, -28, 28];
      ly = null;
      for (var k = 0; k < offsets.length && ly === null; k++) {
        var cand = { x: lx, y: cy + 4 + offsets[k], w: lw, h: 12 };
        if (!placed.some(function (b) { return cand.x < b.x + b.w && b.x < cand.x + cand.w && cand.y - cand.h < b.y && b.y - b.h < cand.y; })) ly = cand.y;
      }
      if (ly !== null) {
        placed.push({ x: lx, y: ly, w: lw, h: 12 });
        g.appendChild(s("text", { "class": "mark-label", x: lx, y: ly }, text));
      }
      bindMark(g, c.wrap, c.tip, function () {
        return [fmtNum(p.q.value) + (p.q.unit ? " " + p.q.unit : "") + " \u2014 " + p.t._sn, dateLabel(p.date) + " \u00b7 " + p.t._outlet, p.t.sentence.text];
      }, function () {
        svg.querySelectorAll(".mark.selected").forEach(function (m) { m.classList.remove("selected"); });
        g.classList.add("selected");
        statementDetail(detail, p.t, p.q);
      });
      svg.appendChild(g);
    });
    c.wrap.insertBefore(svg, c.tip);
    panel.appendChild(c.wrap);
    var legend = h("p", { "class": "chart-legend" });
    colours.forEach(function (col, k) {
      legend.appendChild(h("span", { "class": "key" }, svgDot(col), " " + S.speakerName.get(k)));
    });
    legend.appendChild(h("span", { "class": "key muted" }, svgDot("#7f7f7f", true), " approximate figure (etwa, rund \u2026)"));
    panel.appendChild(legend);
    panel.appendChild(detail);
    var tb = table(["Date", "Figure", "As written", "Speaker", "Outlet", ""], "figures-table");
    points.forEach(function (p) {
      tb.body.appendChild(h("tr", { "data-att": p.t.id }, h("td", null, dateLabel(p.date)),
        h("td", { "class": "num" }, (p.q.approx ? "~" : "") + fmtNum(p.q.value)),
        h("td", null, p.q.text), h("td", null, p.t._sn), h("td", null, p.t._outlet),
        h("td", null, evidenceLink(p.t))));
    });
    panel.appendChild(h("details", { "class": "table-details" }, h("summary", null, "The same figures as a table"), tb.table));
    return panel;
  }

  function svgDot(colour, hollow) {
    return s("svg", { viewBox: "0 0 16 16", width: 14, height: 14, "aria-hidden": "true", "class": "dot" },
      s("circle", { cx: 8, cy: 8, r: 6, fill: hollow ? "none" : colour, stroke: colour, "stroke-width": hollow ? 3 : 1 }));
  }

  /* ---- status over time ---------------------------------------------------------------- */

  /* Charts: one per story (or one for the whole coverage) of the statements that deny,
     cannot confirm or confirm. With relations between claims, a list follows of each such
     claim and the claims it contradicts or confirms. */
  function statusGroups() {
    var d = S.d;
    var groups = [];
    var status = d.attributions.filter(function (t) { return STATUS_STANCES.indexOf(t.stance) >= 0; });
    if (d.stories.length > 1) {
      d.stories.forEach(function (st) {
        var ids = new Set(st.articles);
        var atts = status.filter(function (t) { return ids.has(t.article); });
        if (atts.length) groups.push({ label: st.label, atts: atts });
      });
    } else if (status.length) {
      groups.push({ label: d.stories.length ? d.stories[0].label : "The coverage as a whole", atts: status });
    }
    return groups;
  }

  function renderStatus(main) {
    var d = S.d;
    main.appendChild(h("h2", null, "Status over time"));
    main.appendChild(h("p", { "class": "lede" }, "Who denies, who cannot confirm yet and who confirms, and when: one row per speaker, one mark per statement. Hover or focus a mark to read the sentence; click it to keep it below the chart."));
    var groups = statusGroups();
    if (!groups.length) {
      main.appendChild(note("No statement in this dossier denies, confirms or says it cannot confirm anything."));
    } else {
      main.appendChild(h("p", { "class": "chart-legend" }, STATUS_STANCES.map(function (x) {
        return h("span", { "class": "key" }, stanceBadge(x));
      })));
      groups.forEach(function (g) { main.appendChild(statusPanel(g)); });
    }
    var sec = h("section", { "class": "block", id: "contested" }, h("h3", null, "Contested propositions"));
    main.appendChild(sec);
    var linked = d.relations.filter(function (r) { return r.kind === "contradicts" || r.kind === "confirms"; });
    if (!d.relations.length) {
      sec.appendChild(notComputed("Relations between claims", "Until the cross-article stage relates claims (contradicts, confirms), the chart above groups statements by stance only."));
      return;
    }
    if (!linked.length) { sec.appendChild(note("No claim contradicts or confirms another.")); return; }
    var byClaim = new Map();
    linked.forEach(function (r) {
      [[r.a, r.b], [r.b, r.a]].forEach(function (pair) {
        if (!byClaim.has(pair[0])) byClaim.set(pair[0], []);
        byClaim.get(pair[0]).push({ r: r, other: pair[1], active: pair[0] === r.a });
      });
    });
    var anchors = d.claims.filter(function (c) {
      return byClaim.has(c.id) && c.attributions.some(function (id) { var t = S.att.get(id); return t && STATUS_STANCES.indexOf(t.stance) >= 0; });
    }).sort(function (x, y) { return cmpDate(parseDate(x.first_seen), parseDate(y.first_seen)); });
    if (!anchors.length) { sec.appendChild(note("No denial, confirmation or \u201ccannot confirm\u201d is related to another claim.")); return; }
    var list = h("div", { "class": "contested" });
    sec.appendChild(list);
    anchors.forEach(function (c) {
      var atts = c.attributions.map(function (id) { return S.att.get(id); }).filter(Boolean);
      var stances = Array.from(new Set(atts.map(function (t) { return t.stance; }).filter(function (x) { return STATUS_STANCES.indexOf(x) >= 0; })));
      var who = Array.from(new Set(atts.map(function (t) { return t._sn; }))).join(", ");
      var rel = byClaim.get(c.id);
      var ul = h("ul");
      rel.slice(0, 5).forEach(function (x) {
        var oc = S.claim.get(x.other);
        ul.appendChild(h("li", null, x.active ? x.r.kind + " " : "is " + x.r.kind.replace(/s$/, "ed") + " by ",
          h("a", { href: href("board", null, { mode: "claims", claim: x.other }) }, oc ? short(oc.summary, 110) : x.other),
          h("span", { "class": "muted" }, " \u2014 " + x.r.explanation)));
      });
      if (rel.length > 5) ul.appendChild(h("li", { "class": "muted" }, "and " + (rel.length - 5) + " more on the claim board"));
      list.appendChild(h("div", { "class": "result", "data-claim": c.id },
        stances.map(stanceBadge), " ", h("b", null, who), " ", h("span", { "class": "muted" }, c.first_seen || "undated"), ": ",
        h("a", { href: href("board", null, { mode: "claims", claim: c.id }) }, c.summary),
        " ", atts.map(function (t, i) { return [i ? " " : "", evidenceLink(t, "[" + (i + 1) + "]")]; }),
        ul));
    });
  }

  function statusPanel(g) {
    var atts = g.atts.slice().sort(function (x, y) { return cmpDate(x._date, y._date) || x._i - y._i; });
    var panel = h("section", { "class": "block status-panel" }, h("h3", null, g.label));
    var rows = [];
    var rowOf = new Map();
    atts.forEach(function (t) {
      if (!rowOf.has(t._sk)) { rowOf.set(t._sk, rows.length); rows.push(t._sk); }
    });
    var W = 920, L = 210, R = 16, T = 14, rowH = 30;
    var H = T + rows.length * rowH + 34;
    var anyUndated = atts.some(function (t) { return !t._date; });
    var undatedW = anyUndated ? 90 : 0;
    var axis = timeAxis(atts.map(function (t) { return t._date; }), L + 10, W - R - undatedW - (anyUndated ? 12 : 0));
    var svg = s("svg", { viewBox: "0 0 " + W + " " + H, "class": "chart status", role: "group", "aria-label": "Status over time: " + g.label });
    rows.forEach(function (k, i) {
      var yy = T + i * rowH + rowH / 2;
      svg.appendChild(s("line", { "class": "grid", x1: L, x2: W - R, y1: yy, y2: yy }));
      svg.appendChild(s("text", { "class": "row-label", x: L - 8, y: yy + 4, "text-anchor": "end" }, short(S.speakerName.get(k), 32)));
    });
    var bottom = T + rows.length * rowH;
    drawTimeTicks(svg, axis, T, bottom, L, W - R - undatedW);
    if (anyUndated) {
      var ux = W - R - undatedW;
      svg.appendChild(s("rect", { "class": "undated-band", x: ux, y: T, width: undatedW, height: bottom - T }));
      svg.appendChild(s("text", { "class": "tick", x: ux + undatedW / 2, y: bottom + 16, "text-anchor": "middle" }, "undated"));
    }
    var c = chartWrap();
    var detail = h("div", { "class": "detail", "aria-live": "polite", hidden: true });
    var used = [];
    atts.forEach(function (t) {
      var row = rowOf.get(t._sk);
      var cy = T + row * rowH + rowH / 2;
      var cx;
      var x1 = null, x2 = null;
      if (t._date) {
        cx = axis.x((t._date.lo + t._date.hi) / 2);
        if (t._date.precision !== "day") { x1 = axis.x(t._date.lo); x2 = axis.x(t._date.hi); }
      } else cx = W - R - undatedW + 18;
      cx = freeSpot(used, cx, cy, 9);
      var g = s("g", {
        "class": "mark status-mark stance-" + t.stance, "data-att": t.id, "data-stance": t.stance,
        "aria-label": t._sn + " " + STANCE_LABEL[t.stance] + ", " + dateLabel(t._date) + ", " + t._outlet
      });
      if (x1 !== null) g.appendChild(s("line", { "class": "whisker", x1: x1, x2: x2, y1: cy, y2: cy }));
      g.appendChild(s("circle", { cx: cx, cy: cy, r: 9 }));
      g.appendChild(s("text", { "class": "glyph", x: cx, y: cy + 4, "text-anchor": "middle" }, STANCE_MARK[t.stance]));
      bindMark(g, c.wrap, c.tip, function () {
        return [t._sn + " " + STANCE_LABEL[t.stance], dateLabel(t._date) + " \u00b7 " + t._outlet, t.sentence.text];
      }, function () {
        svg.querySelectorAll(".mark.selected").forEach(function (m) { m.classList.remove("selected"); });
        g.classList.add("selected");
        statementDetail(detail, t, null);
      });
      svg.appendChild(g);
    });
    c.wrap.insertBefore(svg, c.tip);
    panel.appendChild(c.wrap);
    panel.appendChild(detail);
    var tb = table(["Date", "Who", "Status", "What", "Outlet", ""], "status-table");
    atts.forEach(function (t) {
      var a = S.art.get(t.article);
      tb.body.appendChild(h("tr", { "data-att": t.id, "data-stance": t.stance }, h("td", null, dateLabel(t._date)),
        h("td", null, speakerBlock(t)), h("td", null, stanceBadge(t.stance)),
        h("td", { lang: a && a.language !== "other" ? a.language : null }, t.content.text),
        h("td", null, t._outlet), h("td", null, evidenceLink(t))));
    });
    panel.appendChild(tb.table);
    return panel;
  }

  /* ---- sources graph ------------------------------------------------------------------- */

  function buildSourceGraph(limit) {
    var nodes = new Map(), edges = new Map();
    function node(key, label, kind) {
      if (!nodes.has(key)) nodes.set(key, { key: key, label: label, kind: kind, atts: new Set(), articles: new Set(), weight: 0 });
      var n = nodes.get(key);
      if (kind === "outlet") n.kind = "outlet";
      return n;
    }
    function edge(a, b, t, kind) {
      if (a.key === b.key) return;
      var k = a.key + "\u2192" + b.key;
      if (!edges.has(k)) edges.set(k, { from: a.key, to: b.key, weight: 0, atts: [], kind: kind });
      var e = edges.get(k);
      e.weight += 1;
      if (t) e.atts.push(t);
    }
    function outletNode(a) {
      return a.outlet ? node("o:" + fold(a.outlet), a.outlet, "outlet") : node("o:article:" + a.id, short(articleLabel(a), 34) + " (outlet unknown)", "outlet");
    }
    S.d.attributions.forEach(function (t) {
      var a = S.art.get(t.article);
      if (!a) return;
      var chain = [node(t._sk, t._sn, "source")];
      for (var i = t.via.length - 1; i >= 0; i--) chain.push(node(mentionKey(t.via[i]), mentionName(t.via[i]), "source"));
      chain.push(outletNode(a));
      chain.forEach(function (n) { n.atts.add(t); n.weight += 1; });
      for (var j = 0; j + 1 < chain.length; j++) edge(chain[j], chain[j + 1], t, "cites");
    });
    S.d.articles.forEach(function (a) {
      var o = outletNode(a);
      o.articles.add(a);
      a.agencies.forEach(function (g) {
        var n = node("g:" + g, g, "agency");
        n.articles.add(a);
        n.weight += 1;
        edge(n, o, null, "credit");
      });
    });
    var sources = Array.from(nodes.values()).filter(function (n) { return n.kind === "source"; })
      .sort(function (x, y) { return y.weight - x.weight || x.label.localeCompare(y.label); });
    var hidden = 0;
    if (limit && sources.length > limit) {
      sources.slice(limit).forEach(function (n) { nodes.delete(n.key); });
      hidden = sources.length - limit;
    }
    var kept = Array.from(edges.values()).filter(function (e) { return nodes.has(e.from) && nodes.has(e.to); });
    return { nodes: nodes, edges: kept, hidden: hidden };
  }

  function layoutGraph(g) {
    var depth = new Map();
    var incoming = new Map();
    g.edges.forEach(function (e) {
      if (!incoming.has(e.to)) incoming.set(e.to, []);
      incoming.get(e.to).push(e.from);
    });
    g.nodes.forEach(function (n) { if (n.kind === "source") depth.set(n.key, 0); });
    for (var pass = 0; pass < 4; pass++) {
      g.edges.forEach(function (e) {
        var a = g.nodes.get(e.from), b = g.nodes.get(e.to);
        if (a.kind === "source" && b.kind === "source" && depth.get(b.key) < Math.min(depth.get(a.key) + 1, 3)) depth.set(b.key, Math.min(depth.get(a.key) + 1, 3));
      });
    }
    var maxDepth = 0;
    depth.forEach(function (v) { maxDepth = Math.max(maxDepth, v); });
    var hasAgency = Array.from(g.nodes.values()).some(function (n) { return n.kind === "agency"; });
    g.nodes.forEach(function (n) {
      if (n.kind === "agency") depth.set(n.key, maxDepth + 1);
      if (n.kind === "outlet") depth.set(n.key, maxDepth + (hasAgency ? 2 : 1));
    });
    var layers = [];
    g.nodes.forEach(function (n) {
      var dd = depth.get(n.key);
      while (layers.length <= dd) layers.push([]);
      layers[dd].push(n);
    });
    layers = layers.filter(function (l) { return l.length; });
    layers.forEach(function (l) { l.sort(function (x, y) { return y.weight - x.weight || x.label.localeCompare(y.label); }); });
    var pos = new Map();
    function index() { layers.forEach(function (l) { l.forEach(function (n, i) { pos.set(n.key, i); }); }); }
    index();
    var nbrs = new Map();
    g.edges.forEach(function (e) {
      if (!nbrs.has(e.to)) nbrs.set(e.to, []);
      if (!nbrs.has(e.from)) nbrs.set(e.from, []);
      nbrs.get(e.to).push(e.from);
      nbrs.get(e.from).push(e.to);
    });
    for (var sweep = 0; sweep < 4; sweep++) {
      layers.forEach(function (l) {
        var bary = new Map();
        l.forEach(function (n) {
          var ns = (nbrs.get(n.key) || []).map(function (k) { return pos.get(k); }).filter(function (v) { return v !== undefined; });
          bary.set(n.key, ns.length ? ns.reduce(function (a, b) { return a + b; }, 0) / ns.length : pos.get(n.key));
        });
        l.sort(function (x, y) { return bary.get(x.key) - bary.get(y.key); });
        l.forEach(function (n, i) { pos.set(n.key, i); });
      });
    }
    return layers;
  }

  function renderSources(main, route) {
    var d = S.d;
    main.appendChild(h("h2", null, "Sources"));
    main.appendChild(h("p", { "class": "lede" }, "Who cites whom: each line runs from the one who said something, through those who passed it on (via), to the outlet that printed it; agencies credited for an article's text point at its outlet. Line width grows with the number of statements. Click a box to list its statements."));
    var all = route.params.get("all") === "1";
    var g = buildSourceGraph(all ? 0 : 30);
    var box = h("section", { "class": "block", id: "graph" });
    main.appendChild(box);
    if (!g.nodes.size) {
      box.appendChild(note("No statements and no agency credits to draw."));
    } else drawGraph(box, g);
    if (g.hidden) {
      box.appendChild(h("p", { "class": "muted" }, plural(g.hidden, "less-quoted source") + " not drawn. ",
        h("a", { href: href("sources", null, { all: "1" }) }, "Draw all")));
    }
    var chains = new Map();
    d.attributions.forEach(function (t) {
      if (!t.via.length) return;
      var c = viaChain(t);
      if (!chains.has(c)) chains.set(c, []);
      chains.get(c).push(t);
    });
    var cs = h("section", { "class": "block", id: "chains" }, h("h3", null, "Chains of citation"));
    if (chains.size) {
      var ul = h("ul");
      Array.from(chains.keys()).sort().forEach(function (k) {
        ul.appendChild(h("li", null, k + " ", chains.get(k).map(function (t, i) { return [i ? " " : "", evidenceLink(t, "[" + (i + 1) + "]")]; })));
      });
      cs.appendChild(ul);
    } else cs.appendChild(note("No statement names an intermediary (via)."));
    main.appendChild(cs);
    main.appendChild(reuseSection());
  }

  function drawGraph(box, g) {
    var layers = layoutGraph(g);
    var W = 920, nodeH = 24, gap = 8, top = 30;
    var colW = W / layers.length;
    var boxW = Math.min(210, colW - 36);
    var maxRows = Math.max.apply(null, layers.map(function (l) { return l.length; }));
    var H = top + maxRows * (nodeH + gap) + 10;
    var svg = s("svg", { viewBox: "0 0 " + W + " " + H, "class": "chart graph", role: "group", "aria-label": "Sources graph" });
    svg.appendChild(s("defs", null, s("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 8, markerHeight: 8, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" },
      s("path", { d: "M 0 0 L 10 5 L 0 10 z", "class": "arrow-head" }))));
    var at = new Map();
    layers.forEach(function (l, li) {
      var colX = li * colW + (colW - boxW) / 2;
      var kinds = new Set(l.map(function (n) { return n.kind; }));
      var head = kinds.has("outlet") ? "Outlets" : kinds.has("agency") ? "Agencies (credited)" : li === 0 ? "Said by" : "Passed on by";
      svg.appendChild(s("text", { "class": "col-head", x: colX + boxW / 2, y: 16, "text-anchor": "middle" }, head));
      var offset = Math.min((maxRows - l.length) * (nodeH + gap) / 2, 40);
      l.forEach(function (n, i) { at.set(n.key, { x: colX, y: top + offset + i * (nodeH + gap), n: n }); });
    });
    var edgeEls = [];
    g.edges.forEach(function (e) {
      var a = at.get(e.from), b = at.get(e.to);
      var x1 = a.x + boxW, y1 = a.y + nodeH / 2, x2 = b.x, y2 = b.y + nodeH / 2;
      var dpath;
      if (x2 > x1) {
        var mx = (x1 + x2) / 2;
        dpath = "M " + x1 + " " + y1 + " C " + mx + " " + y1 + ", " + mx + " " + y2 + ", " + x2 + " " + y2;
      } else {
        x1 = a.x + boxW / 2; y1 = a.y + (b.y > a.y ? nodeH : 0); x2 = b.x + boxW / 2; y2 = b.y + (b.y > a.y ? 0 : nodeH);
        var bend = a.x + boxW + 24;
        dpath = "M " + x1 + " " + y1 + " C " + bend + " " + y1 + ", " + bend + " " + y2 + ", " + x2 + " " + y2;
      }
      var p = s("path", {
        d: dpath, "class": "edge edge-" + e.kind, "stroke-width": 1 + Math.log2(e.weight) * 1.5,
        "marker-end": "url(#arrow)", "data-from": e.from, "data-to": e.to
      }, s("title", null, a.n.label + " \u2192 " + b.n.label + ": " + (e.kind === "credit" ? "credited for the text" : plural(e.weight, "statement"))));
      edgeEls.push(p);
      svg.appendChild(p);
    });
    var listing = h("div", { "class": "detail", "aria-live": "polite", hidden: true });
    at.forEach(function (pos, key) {
      var n = pos.n;
      var gEl = s("g", { "class": "node node-" + n.kind, "data-key": key, "aria-label": n.label + " (" + n.kind + ")" },
        s("title", null, n.label),
        s("rect", { x: pos.x, y: pos.y, width: boxW, height: nodeH, rx: 5 }),
        s("text", { x: pos.x + 8, y: pos.y + 16 }, short(n.label, Math.floor(boxW / 6.6))));
      gEl.setAttribute("tabindex", "0");
      gEl.setAttribute("role", "button");
      function pick() {
        svg.classList.add("focused");
        svg.querySelectorAll(".node.on").forEach(function (x) { x.classList.remove("on"); });
        gEl.classList.add("on");
        edgeEls.forEach(function (pe) {
          var on = pe.getAttribute("data-from") === key || pe.getAttribute("data-to") === key;
          pe.classList.toggle("on", on);
        });
        nodeListing(listing, n);
      }
      gEl.addEventListener("click", pick);
      gEl.addEventListener("keydown", function (ev) { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); pick(); } });
      svg.appendChild(gEl);
    });
    box.appendChild(h("div", { "class": "chart-wrap graph-wrap" }, svg));
    box.appendChild(h("p", { "class": "chart-legend" },
      h("span", { "class": "key" }, h("span", { "class": "swatch node-source" }), " speaker or intermediary"),
      h("span", { "class": "key" }, h("span", { "class": "swatch node-agency" }), " agency credited"),
      h("span", { "class": "key" }, h("span", { "class": "swatch node-outlet" }), " outlet"),
      h("span", { "class": "key" }, h("span", { "class": "swatch edge-credit" }), " dashed: agency credit")));
    box.appendChild(listing);
  }

  function nodeListing(box, n) {
    var atts = Array.from(n.atts).sort(function (x, y) { return cmpDate(x._date, y._date); });
    var ul = h("ul");
    atts.slice(0, 200).forEach(function (t) {
      ul.appendChild(h("li", null, stanceBadge(t.stance), " ", viaChain(t) + ": ", h("a", { "class": "evidence", href: evidenceHref(t) }, short(t.content.text, 140))));
    });
    var arts = Array.from(n.articles);
    fill(box, h("h4", null, n.label),
      atts.length ? ul : null,
      atts.length > 200 ? note((atts.length - 200) + " more not listed.") : null,
      arts.length ? h("p", null, "Articles: ", arts.map(function (a, i) { return [i ? ", " : "", h("a", { href: href("article", a.id) }, short(articleLabel(a), 60))]; })) : null);
    box.hidden = false;
  }

  function reuseSection() {
    var d = S.d;
    var sec = h("section", { "class": "block", id: "reuse" }, h("h3", null, "Reprinted copy"));
    if (!d.reuse.length) {
      sec.appendChild(notComputed("Text reuse between articles", "The cross-article stage fills reuse[] with passages that articles share (wire copy)."));
      return sec;
    }
    var groups = reuseGroups();
    var gl = h("ul", { "class": "reuse-groups" });
    groups.forEach(function (g) {
      gl.appendChild(h("li", null, "Same copy in " + plural(g.length, "article") + ": ", g.map(function (a, i) {
        return [i ? ", " : "", h("a", { href: href("article", a.id) }, outletOf(a) + " (" + (a.published || "undated") + ")")];
      })));
    });
    sec.appendChild(gl);
    var tb = table(["Article", "Reprints copy of", "Shared", "Passages", ""], "reuse-table");
    d.reuse.slice().sort(function (x, y) { return y.shared_chars - x.shared_chars; }).forEach(function (r) {
      var a = S.art.get(r.a), b = S.art.get(r.b);
      var shorter = Math.min(a.text.length, b.text.length) || 1;
      tb.body.appendChild(h("tr", null,
        h("td", null, h("a", { href: href("article", a.id, { reuse: b.id }) }, outletOf(a) + ": " + short(articleLabel(a), 50))),
        h("td", null, h("a", { href: href("article", b.id, { reuse: a.id }) }, outletOf(b) + ": " + short(articleLabel(b), 50))),
        h("td", { "class": "num" }, fmtNum(r.shared_chars) + " chars (" + Math.round(100 * r.shared_chars / shorter) + "% of the shorter)"),
        h("td", { "class": "num" }, String(r.passages.length)),
        h("td", null, h("a", { href: href("article", a.id, { reuse: b.id }) }, "compare \u203a"))));
    });
    sec.appendChild(tb.table);
    return sec;
  }

  /* ---- article view -------------------------------------------------------------------- */

  function renderArticle(main, route) {
    var a = S.art.get(route.id);
    if (!a) {
      main.appendChild(h("h2", null, "Article"));
      main.appendChild(note("No article with id \u201c" + (route.id || "") + "\u201d in this dossier."));
      main.appendChild(h("p", null, h("a", { href: href("overview") }, "Back to the overview")));
      return;
    }
    var lang = a.language !== "other" ? a.language : null;
    var arts = S.d.articles;
    var prev = arts[a._i - 1], next = arts[a._i + 1];
    var picker = h("select", { id: "article-picker", "aria-label": "Go to article" });
    arts.forEach(function (x) {
      var o = h("option", { value: x.id }, (x.published || "undated") + " \u00b7 " + outletOf(x) + " \u00b7 " + short(articleLabel(x), 70));
      if (x.id === a.id) o.selected = true;
      picker.appendChild(o);
    });
    picker.addEventListener("change", function () { location.hash = href("article", picker.value); });
    main.appendChild(h("nav", { "class": "article-nav" },
      prev ? h("a", { href: href("article", prev.id), rel: "prev" }, "\u2039 previous") : h("span", { "class": "muted" }, "\u2039 previous"),
      picker,
      next ? h("a", { href: href("article", next.id), rel: "next" }, "next \u203a") : h("span", { "class": "muted" }, "next \u203a")));
    main.appendChild(h("h2", { lang: lang, id: "article-title" }, articleLabel(a)));
    main.appendChild(articleMeta(a));

    var atts = S.attsByArticle.get(a.id) || [];
    var reuseWith = route.params.get("reuse");
    var reuse = S.d.reuse.filter(function (r) { return (r.a === a.id || r.b === a.id) && (!reuseWith || r.a === reuseWith || r.b === reuseWith); });
    var at = /^(\d+)-(\d+)$/.exec(route.params.get("at") || "");
    var target = at ? [+at[1], +at[2]] : null;
    var targetAtt = route.params.get("t");

    var toggles = h("div", { "class": "legend", id: "legend", role: "group", "aria-label": "Highlights" });
    var textBox = h("div", { "class": "article-text", lang: lang, id: "article-text" });
    LAYERS.forEach(function (l) {
      var cb = h("input", { type: "checkbox", checked: true, "data-layer": l[0] });
      cb.addEventListener("change", function () { textBox.classList.toggle("hide-" + l[0], !cb.checked); });
      toggles.appendChild(h("label", { "class": "legend-item" }, cb, " ", h("span", { "class": "hl hl-" + l[0] }, l[1])));
    });
    var panel = h("aside", { "class": "stmt-panel", id: "stmt-panel", "aria-live": "polite" },
      note(atts.length ? "Click highlighted text to see the statement." : "No attributed statements found in this article."));
    main.appendChild(h("div", { "class": "legend-wrap" }, h("span", { "class": "muted" }, "Highlighted: "), toggles));
    if (reuseWith) {
      var other = S.art.get(reuseWith);
      main.appendChild(h("p", { "class": "muted" }, "Marked as copy: the passages shared with ",
        other ? h("a", { href: href("article", other.id, { reuse: a.id }) }, outletOf(other) + ": " + articleLabel(other)) : reuseWith,
        ". ", h("a", { href: href("article", a.id) }, "Show all shared passages")));
    }
    main.appendChild(h("div", { "class": "article-body" }, textBox, panel));
    fillText(textBox, a, atts, reuse, target, targetAtt);
    textBox.addEventListener("click", function (ev) {
      var el = ev.target.closest ? ev.target.closest("[data-atts]") : null;
      if (!el || !textBox.contains(el)) return;
      showStatements(panel, el.getAttribute("data-atts").split(" "));
    });
    if (targetAtt && S.att.has(targetAtt)) showStatements(panel, [targetAtt]);

    var list = h("ol", { "class": "stmt-list" });
    atts.forEach(function (t) {
      list.appendChild(h("li", null, stanceBadge(t.stance), " ", h("b", null, t._sn), ": ",
        h("a", { href: evidenceHref(t) }, short(t.content.text, 150)), figureChips(t)));
    });
    main.appendChild(h("details", { "class": "stmts" }, h("summary", null, "Statements in this article (" + atts.length + ")"), list));
    main.appendChild(removedBox(a));
    if (target) {
      var first = textBox.querySelector(".hl-target");
      if (first) {
        first.id = "evidence";
        requestAnimationFrame(function () { first.scrollIntoView({ block: "center" }); });
      }
    } else window.scrollTo(0, 0);
  }

  function articleMeta(a) {
    var dl = h("dl", { "class": "meta" });
    function row(k, v) { if (v !== null && v !== undefined && v !== "") dl.append(h("dt", null, k), h("dd", null, v)); }
    row("Outlet", (a.outlet || "unknown") + (a.outlet_evidence ? " (from " + a.outlet_evidence + ")" : ""));
    row("Published", a.published ? a.published + " (" + a.published_precision + ", from " + a.published_source + ")" : "unknown");
    row("Agencies", a.agency_credits.length ? a.agency_credits.map(function (c) { return c.agency + " (\u201c" + c.evidence + "\u201d)"; }).join("; ") : "none credited");
    row("Language", a.language);
    row(a.sources.length > 1 ? "Sources" : "Source", a.sources.join("; "));
    row("URL", a.url);
    row("Reader", a.reader + (a.encoding ? ", " + a.encoding + (a.encoding_note ? " (" + a.encoding_note + ")" : "") : ""));
    if (a.warnings.length) row("Warnings", a.warnings.join("; "));
    row("ID", a.id);
    return dl;
  }

  /* The text as paragraphs (headings as h4) of nested highlight spans. */
  function fillText(box, a, atts, reuse, target, targetAtt) {
    var spans = [];
    function add(start, end, layer, att) {
      if (start === undefined || end === undefined || start === null || end <= start) return;
      spans.push({ s: u16(a, start), e: u16(a, end), layer: layer, att: att || null });
    }
    atts.forEach(function (t) {
      add(t.start, t.end, "stmt", t.id);
      add(t.content.start, t.content.end, t.mode === "direct" ? "quote" : "content", t.id);
      if (t.speaker && t.speaker.start !== undefined) add(t.speaker.start, t.speaker.end, "speaker", t.id);
      t.via.forEach(function (m) { if (m.start !== undefined) add(m.start, m.end, "via", t.id); });
      add(t.cue.start, t.cue.end, "cue", t.id);
      t.quantities.forEach(function (q) { add(q.start, q.end, "figure", t.id); });
      if (t.said_on && t.said_on.start !== undefined) add(t.said_on.start, t.said_on.end, "date", t.id);
    });
    reuse.forEach(function (r) {
      r.passages.forEach(function (p) {
        if (r.a === a.id) add(p.a_start, p.a_end, "reused"); else add(p.b_start, p.b_end, "reused");
      });
    });
    if (target) add(target[0], target[1], "target", targetAtt);
    var order = { target: 0, reused: 1, quote: 2, content: 2, speaker: 3, via: 3, cue: 3, figure: 4, date: 4, stmt: 5 };
    var text = a.text;
    var cuts = new Set([0, text.length]);
    spans.forEach(function (sp) { cuts.add(sp.s); cuts.add(sp.e); });
    var headings = a.headings.map(function (x) { return [u16(a, x.start), u16(a, x.end)]; });
    var lineStart = 0;
    var lines = [];
    for (var i = 0; i <= text.length; i++) {
      if (i === text.length || text.charAt(i) === "\n") {
        lines.push([lineStart, i]);
        lineStart = i + 1;
      }
    }
    var sorted = Array.from(cuts).sort(function (x, y) { return x - y; });
    spans.sort(function (x, y) { return order[x.layer] - order[y.layer] || x.s - y.s || y.e - x.e; });
    lines.forEach(function (ln) {
      var ls = ln[0], le = ln[1];
      if (!text.slice(ls, le).trim()) return;
      var isHead = headings.some(function (hd) { return hd[0] <= ls && le <= hd[1] + 1 && hd[1] > ls; });
      var el = h(isHead ? "h4" : "p", { "data-start": cpOf(a, ls) });
      var pts = [ls].concat(sorted.filter(function (c) { return c > ls && c < le; }), [le]);
      /* stack of open highlight spans, outermost first: a span stays one element across
         the segments it covers, so a target or a quote is one box, not many */
      var stack = [{ sp: null, el: el }];
      for (var k = 0; k + 1 < pts.length; k++) {
        var s0 = pts[k], s1 = pts[k + 1];
        if (s1 <= s0) continue;
        var active = spans.filter(function (sp) { return sp.s <= s0 && sp.e >= s1; });
        var seen = new Set();
        var wanted = active.filter(function (sp) {
          if (sp.layer === "stmt" || seen.has(sp.layer)) return false;
          seen.add(sp.layer);
          return true;
        });
        var keep = 1;
        while (keep < stack.length && keep - 1 < wanted.length && stack[keep].sp === wanted[keep - 1]) keep++;
        stack.length = keep;
        for (var w = keep - 1; w < wanted.length; w++) {
          var span = h("span", { "class": "hl hl-" + wanted[w].layer });
          stack[stack.length - 1].el.appendChild(span);
          stack.push({ sp: wanted[w], el: span });
        }
        var ids = Array.from(new Set(active.filter(function (sp) { return sp.att && sp.layer !== "target" && sp.layer !== "reused"; }).map(function (sp) { return sp.att; })));
        var textNode = document.createTextNode(text.slice(s0, s1));
        var holder = stack[stack.length - 1].el;
        if (ids.length) {
          var wrap = h("span", { "class": "in-stmt", "data-atts": ids.join(" ") });
          wrap.appendChild(textNode);
          holder.appendChild(wrap);
        } else holder.appendChild(textNode);
      }
      box.appendChild(el);
    });
    if (!box.childNodes.length) box.appendChild(note("No text."));
  }

  function showStatements(panel, ids) {
    panel.replaceChildren();
    ids.forEach(function (id) {
      var t = S.att.get(id);
      if (!t) return;
      var claims = S.claimsByAtt.get(t.id) || [];
      panel.appendChild(h("div", { "class": "stmt-card", "data-att": t.id },
        h("div", null, stanceBadge(t.stance), " ", h("span", { "class": "muted" }, MODE_LABEL[t.mode] || t.mode)),
        h("div", null, speakerBlock(t)),
        h("div", { "class": "muted" }, "cue: \u201c" + short(t.cue.text, 80) + "\u201d"),
        h("q", { "class": "sentence" }, short(t.content.text, 400)),
        figureChips(t),
        h("div", { "class": "muted" }, dateLabel(t._date)),
        t.via.length ? h("div", { "class": "muted" }, "through: " + t.via.map(mentionName).join(" \u2190 ")) : null,
        claims.map(function (c) { return h("div", null, "claim: ", h("a", { href: href("board", null, { mode: "claims", claim: c.id }) }, short(c.summary, 80))); }),
        h("div", null, h("a", { href: evidenceHref(t) }, "link to this statement"), " \u00b7 ",
          h("a", { href: href("board", null, { speaker: t._sk }) }, "all by this speaker"))));
    });
  }

  function removedBox(a) {
    var counts = {};
    a.removed.forEach(function (r) { counts[r.reason] = (counts[r.reason] || 0) + 1; });
    var summary = Object.keys(counts).sort(function (x, y) { return counts[y] - counts[x] || x.localeCompare(y); })
      .map(function (k) { return counts[k] + " " + k; }).join(", ");
    var det = h("details", { "class": "removed", id: "removed" },
      h("summary", null, "Removed boilerplate (" + a.removed.length + ")" + (summary ? ": " + summary : "")));
    if (!a.removed.length) det.appendChild(note("Nothing was removed from this article."));
    else {
      var tb = table(["Reason", "Pattern", "Line", "Text"], "removed-table");
      a.removed.forEach(function (r) {
        tb.body.appendChild(h("tr", null, h("td", null, r.reason), h("td", null, h("code", null, r.pattern)),
          h("td", { "class": "num" }, String(r.line)), h("td", { "class": "removed-text" }, r.text)));
      });
      det.appendChild(tb.table);
    }
    return det;
  }

  /* ---- search -------------------------------------------------------------------------- */

  var NUMBER = /(\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)/;

  function parseNumber(text) {
    text = text.replace(/[\u00a0\u202f ]/g, "");
    var grouped = /^\d{1,3}([.,])\d{3}(?:\1\d{3})*(?:([.,])(\d+))?$/.exec(text);
    if (grouped && (!grouped[2] || grouped[2] !== grouped[1])) {
      var intPart = text.split(grouped[2] || "\u0000")[0].replace(/[.,]/g, "");
      return parseFloat(intPart + (grouped[3] ? "." + grouped[3] : ""));
    }
    return parseFloat(text.replace(",", "."));
  }

  /* "10.000", "10,000 Soldaten", "1500-3000", ">5000", "<= 2" -> {lo, hi, unit} or null */
  function parseFigureQuery(q) {
    var m = new RegExp("^\\s*(>=|<=|>|<)?\\s*" + NUMBER.source + "(?:\\s*(?:-|\u2013|\\.\\.|bis|to)\\s*" + NUMBER.source + ")?\\s*(.*)$", "i").exec(q);
    if (!m) return null;
    var a = parseNumber(m[2]);
    var b = m[3] ? parseNumber(m[3]) : null;
    var unit = fold(m[4] || "").trim();
    var lo = a, hi = a;
    if (b !== null) { lo = Math.min(a, b); hi = Math.max(a, b); }
    var op = m[1];
    if (op === ">") { lo = a; hi = Infinity; return { lo: lo, hi: hi, strictLo: true, unit: unit }; }
    if (op === ">=") { hi = Infinity; }
    if (op === "<") { return { lo: -Infinity, hi: a, strictHi: true, unit: unit }; }
    if (op === "<=") { lo = -Infinity; }
    return { lo: lo, hi: hi, unit: unit };
  }

  function localSearch(q, kind, limit) {
    var out = { query: q, kind: kind, entities: [], unresolved: [], texts: [], figures: [], truncated: false };
    var fq = fold(q).trim();
    if (!fq) return out;
    limit = limit || 50;
    if (kind === "all" || kind === "entity") {
      S.d.entities.forEach(function (e) {
        var hay = [e.name].concat(e.aliases, e.roles).map(fold);
        if (!hay.some(function (x) { return x.indexOf(fq) >= 0; })) return;
        var stmts = S.d.attributions.filter(function (t) {
          return (t.speaker && t.speaker.entity === e.id) || t.via.some(function (m) { return m.entity === e.id; });
        }).map(function (t) { return t.id; });
        out.entities.push({ id: e.id, name: e.name, type: e.type, aliases: e.aliases, roles: e.roles, statements: stmts });
      });
      out.entities.sort(function (x, y) { return y.statements.length - x.statements.length || x.name.localeCompare(y.name); });
      if (out.entities.length > limit) { out.entities.length = limit; out.truncated = true; }
      S.d.attributions.forEach(function (t) {
        var ms = [t.speaker].concat(t.via).filter(function (m) { return m && !m.entity; });
        if (ms.some(function (m) { return fold(m.text).indexOf(fq) >= 0; })) out.unresolved.push(t.id);
      });
    }
    if (kind === "all" || kind === "text") {
      S.d.articles.forEach(function (a) {
        if (out.texts.length >= limit) { out.truncated = true; return; }
        var fm = foldWithMap(a.text);
        var matches = [];
        var from = 0, idx;
        while ((idx = fm.text.indexOf(fq, from)) >= 0) {
          if (matches.length >= 5) { out.truncated = true; break; }
          var s0 = fm.map[idx], s1 = fm.map[idx + fq.length];
          var c0 = cpOf(a, s0), c1 = cpOf(a, s1);
          var w0 = Math.max(0, c0 - 60), w1 = c1 + 60;
          matches.push({ start: c0, end: c1, snippet_start: w0, snippet: slice(a, w0, w1) });
          from = idx + Math.max(1, fq.length);
        }
        var title = a.title && fold(a.title).indexOf(fq) >= 0;
        if (matches.length || title) out.texts.push({ article: a.id, title: articleLabel(a), matches: matches });
      });
    }
    if (kind === "all" || kind === "figure") {
      var fqy = parseFigureQuery(q);
      if (fqy) {
        S.d.attributions.forEach(function (t) {
          t.quantities.forEach(function (qq, i) {
            var v = qq.value;
            if (v < fqy.lo || v > fqy.hi || (fqy.strictLo && v === fqy.lo) || (fqy.strictHi && v === fqy.hi)) return;
            if (fqy.unit && fold(qq.unit || "").indexOf(fqy.unit) < 0 && fold(qq.text).indexOf(fqy.unit) < 0) return;
            out.figures.push({ attribution: t.id, quantity: i, value: v, unit: qq.unit, text: qq.text });
          });
        });
        if (out.figures.length > limit * 4) { out.figures.length = limit * 4; out.truncated = true; }
      }
    }
    return out;
  }

  function renderSearch(main, route) {
    var q = route.params.get("q") || "";
    var kind = route.params.get("kind") || "all";
    if (["all", "entity", "text", "figure"].indexOf(kind) < 0) kind = "all";
    main.appendChild(h("h2", null, "Search"));
    var input = document.getElementById("search-q");
    if (input && input.value !== q) input.value = q;
    var kindSel = document.getElementById("search-kind");
    if (kindSel) kindSel.value = kind;
    main.appendChild(h("p", { "class": "lede" }, "Search names (entities, their aliases and roles), the article text, or figures: a number (10.000, 10,000 or 10000), a range (1500-3000) or a bound (>5000), optionally followed by what is counted (3000 Soldaten)."));
    if (!q.trim()) { main.appendChild(note("Type something into the search box above.")); return; }
    var box = h("div", { id: "search-results" }, note("Searching\u2026"));
    main.appendChild(box);
    var token = S.renderToken;
    var done = function (res) {
      if (token !== S.renderToken) return;
      box.replaceChildren();
      drawResults(box, res);
    };
    if (S.api) {
      fetch(S.api + "search?" + new URLSearchParams({ q: q, kind: kind }).toString(), { headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error("the server answered " + r.status); return r.json(); })
        .then(done)
        .catch(function (err) { if (token === S.renderToken) box.replaceChildren(note("Search failed: " + err.message, "error")); });
    } else done(localSearch(q, kind));
  }

  function drawResults(box, res) {
    var total = res.entities.length + res.unresolved.length + res.texts.length + res.figures.length;
    box.appendChild(h("p", { "class": "count", id: "search-count" }, plural(total, "result") + " for \u201c" + res.query + "\u201d" + (res.truncated ? " (more not shown)" : "")));
    if (res.entities.length || res.unresolved.length) {
      var sec = h("section", { "class": "block", id: "res-entities" }, h("h3", null, "Names"));
      res.entities.forEach(function (e) {
        var stmts = e.statements.map(function (id) { return S.att.get(id); }).filter(Boolean);
        sec.appendChild(h("div", { "class": "result" },
          h("b", null, e.name), " ", h("span", { "class": "muted" }, e.type + (e.roles.length ? " \u00b7 " + e.roles.join(", ") : "") + (e.aliases.length ? " \u00b7 also " + e.aliases.join(", ") : "")),
          stmts.length ? h("div", null, h("a", { href: href("board", null, { speaker: "e:" + e.id }) }, plural(stmts.length, "statement") + " on the board")) : h("div", { "class": "muted" }, "mentioned, never quoted"),
          stmts.length ? h("ul", null, stmts.slice(0, 5).map(function (t) {
            return h("li", null, stanceBadge(t.stance), " " + t._outlet + ": ", h("a", { href: evidenceHref(t) }, short(t.content.text, 120)));
          })) : null));
      });
      if (res.unresolved.length) {
        var ul = h("ul");
        res.unresolved.map(function (id) { return S.att.get(id); }).filter(Boolean).slice(0, 50).forEach(function (t) {
          ul.appendChild(h("li", null, h("b", null, t._sn), " (" + t._outlet + "): ", h("a", { href: evidenceHref(t) }, short(t.content.text, 120))));
        });
        sec.appendChild(h("div", { "class": "result" }, h("b", null, "Named as written, not resolved to an entity"), ul));
      }
      box.appendChild(sec);
    }
    if (res.figures.length) {
      var fs = h("section", { "class": "block", id: "res-figures" }, h("h3", null, "Figures"));
      var tb = table(["Figure", "As written", "Speaker", "Date", "Outlet", ""], "figures-table");
      res.figures.forEach(function (f) {
        var t = S.att.get(f.attribution);
        if (!t) return;
        tb.body.appendChild(h("tr", null, h("td", { "class": "num" }, fmtNum(f.value) + (f.unit ? " " + f.unit : "")), h("td", null, f.text),
          h("td", null, t._sn), h("td", null, dateLabel(t._date)), h("td", null, t._outlet), h("td", null, evidenceLink(t))));
      });
      fs.appendChild(tb.table);
      box.appendChild(fs);
    }
    if (res.texts.length) {
      var ts = h("section", { "class": "block", id: "res-texts" }, h("h3", null, "In the text"));
      res.texts.forEach(function (r) {
        var a = S.art.get(r.article);
        if (!a) return;
        ts.appendChild(h("div", { "class": "result" },
          h("a", { href: href("article", a.id) }, articleLabel(a)), " ", h("span", { "class": "muted" }, outletOf(a) + ", " + (a.published || "undated")),
          r.matches.map(function (m) {
            var pre = slice(a, m.snippet_start, m.start), hit = slice(a, m.start, m.end);
            var post = slice(a, m.end, Math.min(m.end + 60, m.snippet_start + 10000));
            return h("div", { "class": "snippet", lang: a.language !== "other" ? a.language : null },
              h("a", { href: href("article", a.id, { at: m.start + "-" + m.end }) }, m.snippet_start > 0 ? "\u2026" : "", pre, h("mark", null, hit), post, "\u2026"));
          })));
      });
      box.appendChild(ts);
    }
    if (!total) box.appendChild(note("Nothing found."));
  }

  /* ---- boot ---------------------------------------------------------------------------- */

  var RENDER = {
    overview: renderOverview, board: renderBoard, timeline: renderTimeline, status: renderStatus,
    sources: renderSources, article: renderArticle, search: renderSearch
  };

  function render() {
    var route = parseRoute();
    if (!route) return; /* an in-page anchor (#something): leave the view as it is */
    S.route = route;
    S.renderToken += 1;
    var navView = route.view;
    document.querySelectorAll("nav.tabs a").forEach(function (x) {
      if (x.getAttribute("data-view") === navView) x.setAttribute("aria-current", "page");
      else x.removeAttribute("aria-current");
    });
    var main = document.getElementById("view");
    main.replaceChildren();
    var t0 = performance.now();
    try {
      RENDER[route.view](main, route);
    } catch (err) {
      main.appendChild(note("This view could not be drawn: " + err.message, "error"));
      if (window.console) console.error(err);
    }
    document.body.setAttribute("data-view", route.view);
    document.title = VIEW_TITLES[route.view] + " \u00b7 " + S.baseTitle;
    window.storytraceViewer = { view: route.view, renderMs: performance.now() - t0 };
    if (route.view !== "article") window.scrollTo(0, 0);
  }

  function start(d) {
    prepare(d);
    S.baseTitle = document.title;
    var form = document.getElementById("search-form");
    if (form) {
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var q = document.getElementById("search-q").value;
        var kind = document.getElementById("search-kind").value;
        location.hash = href("search", null, { q: q, kind: kind === "all" ? "" : kind });
      });
    }
    window.addEventListener("hashchange", render);
    render();
    document.body.setAttribute("data-ready", "1");
  }

  function fail(message) {
    var main = document.getElementById("view");
    main.replaceChildren(note(message, "error"));
    document.body.setAttribute("data-ready", "error");
  }

  function boot() {
    var api = document.body.getAttribute("data-api");
    var el = document.getElementById("dossier-data");
    S.api = api || null;
    if (el) {
      var d;
      try { d = JSON.parse(el.textContent); } catch (err) { fail("The embedded dossier could not be read: " + err.message); return; }
      start(d);
    } else if (api) {
      fetch(api + "dossier", { headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error("the server answered " + r.status); return r.json(); })
        .then(start)
        .catch(function (err) { fail("The dossier could not be loaded: " + err.message); });
    } else fail("This page holds no dossier.");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
