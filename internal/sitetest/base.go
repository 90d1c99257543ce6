package sitetest

// Base is a small, valid site with no warnings: two cases, three entities and
// a page. Tests lay broken files over it with Overlay.
const Base = `
-- content/site.yaml --
title: Test Casebook
description: A test casebook.
base_url: https://example.org/sub/
language: en
publisher: Test Editors
license: CC BY 4.0
-- content/entities/cloudflare.md --
---
name: Cloudflare
kind: company
aliases: [CloudFlare]
website: https://www.cloudflare.com
summary: A CDN and DDoS-protection company.
---
-- content/entities/daily-stormer.md --
---
name: The Daily Stormer
kind: website
---
-- content/entities/matthew-prince.md --
---
name: Matthew Prince
kind: person
---
-- content/cases/ds-2017.md --
---
title: Cloudflare terminates The Daily Stormer
summary: Cloudflare ended service to a neo-Nazi site.
date: 2017-08-16
targets: [daily-stormer]
actions:
  - provider: cloudflare
    services: [ddos-protection, dns]
    action: terminated
    date: 2017-08-16
    sources: [blog]
people: [matthew-prince]
tags: [hate-speech]
related: [other-2019]
events:
  - date: 2017-08-12
    text: A rally takes place in Charlottesville.
    sources: [journal]
sources:
  - id: blog
    title: Why We Terminated Daily Stormer
    publisher: The Cloudflare Blog
    author: Matthew Prince
    date: 2017-08-16
    url: https://blog.cloudflare.com/why-we-terminated-daily-stormer/
    archive: https://web.archive.org/web/2017/https://blog.cloudflare.com/why-we-terminated-daily-stormer/
    language: en
  - id: journal
    title: Un article
    publisher: Le Journal
    date: 2017-08
    language: fr
published: 2024-01-02
updated: 2024-03-05
---

## Background

[[cloudflare]] ended service to [[daily-stormer|the site]] [@blog]. A rally
preceded it [@journal; @blog, p. 2]. See [[other-2019#aftermath]].
-- content/cases/other-2019.md --
---
title: Cloudflare keeps another site
summary: Another case.
date: 2019-08
targets: [daily-stormer]
actions:
  - provider: cloudflare
    action: refused
    date: 2019-08
    sources: [other-a]
tags: [hate-speech, free-expression-debate]
sources:
  - id: other-a
    title: Another article
    publisher: A Publisher
    url: https://example.com/a
---

## Aftermath

Nothing happened [@other-a]. Ask [[matthew-prince]].
-- content/pages/about.md --
---
title: About
summary: What this is.
menu: 1
---

## Scope

This site covers [[ds-2017]].
`

// CaseX is a minimal valid case file, content/cases/x.md, for validation
// tests that change one line of it. Its lines are numbered below.
const CaseX = `---
title: X case
summary: A summary.
date: 2019-08-04
targets: [daily-stormer]
actions:
  - provider: cloudflare
    action: terminated
    date: 2019-08-04
    sources: [x-1]
sources:
  - id: x-1
    title: A source
    publisher: A publisher
    url: https://example.com/x
---

Body text [@x-1].
`
