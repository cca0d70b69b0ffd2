"""The composer: body paragraphs broken into lines by clreq before layout.

opportunities (ICU line breaking, tailored by 禁则) → widths (fonts, HarfBuzz) →
spacing (标点挤压, Han–Latin space, what may shrink or stretch) → linebreak (total fit
over the paragraph) → adjust (shrink, then stretch) → lines (what the layout places);
articles runs them over an issue. docs/typography.md says which rule lives where.
"""
