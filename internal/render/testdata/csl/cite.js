// Formats CSL-JSON items with citeproc-js, the CSL processor of Zotero and
// Mendeley, in the official APA 7, MLA 9 and Chicago (author-date) styles
// of this folder (from github.com/citation-style-language/styles and
// /locales; CC BY-SA 3.0), for TestCitationsMatchCiteproc
// (internal/render). Usage: node cite.js NODE_MODULES < items.json; prints
// {"<id>": {"apa": "...", "mla": "...", "chicago": "..."}} in plain text.
const fs = require("fs");
const path = require("path");
const CSL = require(path.join(process.argv[2], "citeproc"));

const items = JSON.parse(fs.readFileSync(0, "utf8"));
const byID = Object.fromEntries(items.map((it) => [it.id, it]));
const locale = fs.readFileSync(path.join(__dirname, "locales-en-US.xml"), "utf8");
const styles = {
  apa: "apa.csl",
  mla: "modern-language-association.csl",
  chicago: "chicago-author-date.csl",
};
const out = {};
for (const [name, file] of Object.entries(styles)) {
  const style = fs.readFileSync(path.join(__dirname, file), "utf8");
  const sys = { retrieveLocale: () => locale, retrieveItem: (id) => byID[id] };
  const engine = new CSL.Engine(sys, style, "en-US");
  engine.setOutputFormat("text");
  for (const it of items) {
    engine.updateItems([it.id]);
    const [, entries] = engine.makeBibliography();
    (out[it.id] ||= {})[name] = entries.join("").trim();
  }
}
process.stdout.write(JSON.stringify(out));
