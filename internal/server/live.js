// Casebook dev server: live reload and the error overlay. Injected into pages
// by `casebook serve` only; published sites never contain it.
(function () {
  "use strict";
  var base = "/_casebook/";
  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = base + "overlay.css";
  document.head.appendChild(css);

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  // What the page under the overlay is: the server's own error pages say
  // so in <meta name="casebook-page">; any other page is the site's, from
  // the last good build when the last build failed, else from the build
  // being served (whose other pages met template errors).
  var meta = document.querySelector('meta[name="casebook-page"]');
  var page = meta ? meta.getAttribute("content") : "";
  function title(errors) {
    var n = errors.length === 1 ? "1 error" : errors.length + " errors";
    if (page === "no-build") return n + ": no build has succeeded yet, so there is no page to show";
    if (page === "page-failed") return n + ": this page could not be rendered";
    var built = errors.every(function (d) { return d.rendering; });
    if (built) return n + " on other pages: this page is from the current build";
    return n + ": the last good build is shown underneath";
  }
  function where(d) {
    if (!d.line) return d.file;
    return d.file + ":" + d.line + (d.col ? ":" + d.col : "");
  }
  function render(list) {
    var old = document.getElementById("casebook-overlay");
    if (old) old.remove();
    var errors = list.filter(function (d) { return d.severity === "error"; });
    if (errors.length === 0) return;
    var box = el("section", "cb-overlay");
    box.id = "casebook-overlay";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-labelledby", "cb-overlay-title");
    var h = el("h2", "cb-title", title(errors));
    h.id = "cb-overlay-title";
    box.appendChild(h);
    var close = el("button", "cb-close", "Hide");
    close.type = "button";
    close.addEventListener("click", function () { box.remove(); });
    box.appendChild(close);
    errors.forEach(function (d) {
      var item = el("article", "cb-diag");
      item.appendChild(el("p", "cb-pos", where(d)));
      item.appendChild(el("p", "cb-msg", d.message));
      if (d.hint) item.appendChild(el("p", "cb-hint", "hint: " + d.hint));
      if (d.context && d.context.length) {
        var pre = el("pre", "cb-src");
        d.context.forEach(function (l) {
          var line = el("span", l.n === d.line ? "cb-line cb-here" : "cb-line", String(l.n).padStart(5) + " | " + l.text + "\n");
          pre.appendChild(line);
          if (l.n === d.line && d.col > 0) {
            pre.appendChild(el("span", "cb-caret", " ".repeat(8 + d.col - 1) + "^\n"));
          }
        });
        item.appendChild(pre);
      }
      box.appendChild(item);
    });
    document.body.appendChild(box);
  }
  function refresh() {
    fetch(base + "errors.json", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(render)
      .catch(function () {});
  }
  var es = new EventSource(base + "events");
  es.addEventListener("reload", function () { location.reload(); });
  es.addEventListener("failed", refresh);
  refresh();
})();
