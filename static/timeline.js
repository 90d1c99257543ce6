// Timeline: filters that combine instantly, as progressive enhancement.
// Every entry is in the page without JavaScript, and pre-built pages per
// provider and action type serve readers without it. The filter form is
// shown only when scripting is on (style.css). This script hides the entries
// that do not match (and the months and years left empty) as the reader
// chooses and when the form is submitted, and keeps the state in the URL
// query (?provider=&target=&action=&tag=&from=&to=) so a filtered view can
// be shared and cited; the form is a GET form, so a submission the script
// did not catch (made before it ran) loads the query this script reads.
// On the main timeline it also follows a link to an entry that lives on a
// year page (/timeline/#2012-...) to that page.
(function () {
  "use strict";
  var list = document.getElementById("tl-entries");
  if (!list) return;

  // An entry id begins with its date: send a link to an entry that is not
  // on this page to the page of its year (from the main timeline) or of its
  // month (from the page of a year split by month).
  var hash = decodeURIComponent(location.hash.slice(1));
  var yearPages = list.getAttribute("data-year-pages");
  var monthPages = list.getAttribute("data-month-pages");
  var m = /^(\d{4})-(\d{2})?/.exec(hash);
  if (m && !document.getElementById(hash)) {
    var to = yearPages ? yearPages + m[1] + "/" : monthPages && m[2] ? monthPages + m[2] + "/" : "";
    if (to) {
      location.replace(to + location.search + "#" + encodeURIComponent(hash));
      return;
    }
  }

  var form = document.getElementById("tl-filters");
  var status = document.getElementById("tl-status");
  if (!form) return;
  var entries = Array.prototype.slice.call(list.querySelectorAll("li.entry"));
  var months = Array.prototype.slice.call(list.querySelectorAll(".tl-month"));
  var years = Array.prototype.slice.call(list.querySelectorAll(".tl-year"));
  var fields = ["provider", "target", "action", "tag", "from", "to"].filter(function (f) {
    return form.elements[f];
  });

  function has(words, v) { return (" " + words + " ").indexOf(" " + v + " ") >= 0; }

  function state() {
    var st = {};
    fields.forEach(function (f) { st[f] = form.elements[f].value; });
    return st;
  }

  function matches(li, st) {
    var d = li.dataset, year = +d.year, action = d.action || "event";
    if (st.provider && d.provider !== st.provider) return false;
    if (st.target && !has(d.targets || "", st.target)) return false;
    if (st.action && action !== st.action) return false;
    if (st.tag && !has(d.tags || "", st.tag)) return false;
    if (st.from && year < +st.from) return false;
    if (st.to && year > +st.to) return false;
    return true;
  }

  function apply(push) {
    var st = state(), shown = 0;
    entries.forEach(function (li) {
      var ok = matches(li, st);
      li.hidden = !ok;
      if (ok) shown++;
    });
    [months, years].forEach(function (groups) {
      groups.forEach(function (g) {
        g.hidden = !g.querySelector("li.entry:not([hidden])") && !g.querySelector(".tl-links");
      });
    });
    var n = entries.length;
    status.textContent = shown === n ? "Showing all " + n + (n === 1 ? " entry." : " entries.") :
      "Showing " + shown + " of " + n + " entries.";
    if (push) {
      var params = new URLSearchParams();
      fields.forEach(function (f) { if (st[f]) params.set(f, st[f]); });
      var qs = params.toString();
      history.replaceState(null, "", location.pathname + (qs ? "?" + qs : "") + location.hash);
    }
  }

  var params = new URLSearchParams(location.search);
  fields.forEach(function (f) {
    var el = form.elements[f], v = params.get(f);
    if (v && Array.prototype.some.call(el.options, function (o) { return o.value === v; })) el.value = v;
  });
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(true); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  // A submitted form's URL lists the empty fields too: keep only the set ones.
  apply(location.search !== "");
})();
