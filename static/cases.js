// Cases index: filters and sortable columns, as progressive enhancement.
// The table is complete without JavaScript; this script only hides rows and
// reorders them. The filter state lives in the URL query (?provider=&action=
// &tag=&year=&q=), so a filtered view can be shared and cited. The filter
// form (shown only when scripting is on: style.css) is a GET form: its
// submit button applies the filters here, and a submission the script did
// not catch (made before it ran) loads the query this script reads.
(function () {
  "use strict";
  var form = document.getElementById("case-filters");
  var table = document.getElementById("cases-table");
  var status = document.getElementById("filter-status");
  if (!form || !table) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var fields = ["q", "provider", "action", "tag", "year"];
  rows.forEach(function (r) { r.dataset.text = r.textContent.toLowerCase(); });

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function has(list, v) { return (" " + list + " ").indexOf(" " + v + " ") >= 0; }

  function state() {
    var st = {};
    fields.forEach(function (f) { st[f] = form.elements[f].value.trim(); });
    return st;
  }
  function apply(push) {
    var st = state(), shown = 0, q = fold(st.q);
    rows.forEach(function (r) {
      var ok = (!st.provider || has(r.dataset.providers, st.provider)) &&
        (!st.action || has(r.dataset.actions, st.action)) &&
        (!st.tag || has(r.dataset.tags, st.tag)) &&
        (!st.year || r.dataset.year === st.year) &&
        (!q || fold(r.dataset.text).indexOf(q) >= 0);
      r.hidden = !ok;
      if (ok) shown++;
    });
    status.textContent = shown === rows.length ? "Showing all " + shown + " cases." : "Showing " + shown + " of " + rows.length + " cases.";
    if (push) {
      var params = new URLSearchParams();
      fields.forEach(function (f) { if (st[f]) params.set(f, st[f]); });
      var qs = params.toString();
      history.replaceState(null, "", location.pathname + (qs ? "?" + qs : "") + location.hash);
    }
  }

  function sortBy(th) {
    var key = th.dataset.sort;
    var asc = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var val = function (r) { return key === "date" ? r.dataset.date : r.cells[1].textContent.trim().toLowerCase(); };
    rows.sort(function (a, b) {
      var x = val(a), y = val(b);
      return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
    });
    rows.forEach(function (r) { tbody.appendChild(r); });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    if (!th.dataset.sort) return;
    var b = document.createElement("button");
    b.type = "button";
    b.className = "sort";
    b.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(b);
    b.addEventListener("click", function () { sortBy(th); });
  });

  var params = new URLSearchParams(location.search);
  fields.forEach(function (f) { if (params.has(f)) form.elements[f].value = params.get(f); });
  form.addEventListener("input", function () { apply(true); });
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(true); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  // A submitted form's URL lists the empty fields too: keep only the set ones.
  apply(location.search !== "");
})();
