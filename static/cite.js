// "Cite this page": a copy button beside each citation, as progressive
// enhancement. The citations are ordinary text in the page, so they can be
// selected and copied without JavaScript; this script only adds the buttons.
// A button copies its citation as HTML (keeping the italics) and as plain
// text; where the clipboard is not available it selects the citation for
// the reader to copy. The result is announced in the #cite-status live region.
(function () {
  "use strict";
  var status = document.getElementById("cite-status");
  var texts = document.querySelectorAll(".cite-text");
  if (!status || !texts.length) return;
  var timer;

  function announce(msg) {
    // Clear first, so that the same message is announced again.
    status.textContent = "";
    clearTimeout(timer);
    timer = setTimeout(function () { status.textContent = msg; }, 100);
  }

  function select(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  function write(el) {
    var plain = el.textContent.replace(/\s+/g, " ").trim();
    var clip = navigator.clipboard;
    if (!clip || !window.isSecureContext) return Promise.reject(new Error("no clipboard"));
    var text = function () { return clip.writeText(plain); };
    if (!window.ClipboardItem || !clip.write) return text();
    var item = new ClipboardItem({
      "text/plain": new Blob([plain], { type: "text/plain" }),
      "text/html": new Blob([el.innerHTML], { type: "text/html" })
    });
    return clip.write([item]).catch(text);
  }

  Array.prototype.forEach.call(texts, function (el) {
    var name = el.getAttribute("data-label") || "citation";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-cite";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy the " + name + " citation");
    button.addEventListener("click", function () {
      write(el).then(function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = "Copy"; }, 2000);
        announce("Copied the " + name + " citation.");
      }, function () {
        select(el);
        announce("The " + name + " citation is selected: press Ctrl+C, or Command+C on a Mac, to copy it.");
      });
    });
    el.parentNode.appendChild(button);
  });
})();
