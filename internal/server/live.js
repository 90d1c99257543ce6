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
  function render(list) {
    var old = document.getElementById("casebook-overlay");
    if (old) old.remove();
    var errors = list.filter(function (d) { return d.severity === "error"; });
    if (errors.length === 0) return;
    var box = el("section", "cb-overlay");
    box.id = "casebook-overlay";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-labelledby", "cb-overlay-title");
    var h = el("h2", "cb-title", errors.length === 1 ? "1 error: the last good build is shown underneath" :
      errors.length + " errors: the last good build is shown underneath");
    h.id = "cb-overlay-title";
    box.appendChild(h);
    var close = el("button", "cb-close", "Hide");
    close.type = "button";
    close.addEventListener("click", function () { box.remove(); });
    box.appendChild(close);
    errors.forEach(function (d) {
      var item = el("article", "cb-diag");
      item.appendChild(el("p", "cb-pos", d.file + ":" + d.line + ":" + d.col));
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
