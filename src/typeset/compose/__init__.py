"""The composer: body paragraphs broken into lines by clreq before layout.

opportunities (ICU line breaking, tailored by 禁则) → widths (fonts, HarfBuzz) →
linebreak (total-fit over the paragraph) → adjust (shrink, then stretch) → lines
(what the layout places). docs/typography.md says which rule lives where.
"""
