"""The yearly report to the council and the convention (``civitrace bilan``).

:mod:`.versions` picks the version reported on and the one it is compared
with (git tags); :mod:`.sections` and :mod:`.register_section` compute its
content from the model with the dashboard's own functions and words
(:mod:`civitrace.progress`, :mod:`civitrace.wording`, the change list of
:mod:`civitrace.history`), as neutral blocks (:mod:`.blocks`);
:mod:`.markdown` writes them for the council's minutes and :mod:`.html` for
the tagged PDF (:mod:`civitrace.pdf`).
"""
