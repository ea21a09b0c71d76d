"""The PDF's LaTeX settings: a French document with a cover for officials.

``docs/conf.py`` calls :func:`latex_elements` so that the cover (collectivity, title,
version, date) says the same as the site's footer, from git and not from the clock.
Everything here is plain data for Sphinx's ``latex_elements``; a project may still
override any key after the call.
"""

from __future__ import annotations

from .publishing import Publication

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}

#: Fonts of the Debian packages fonts-freefont-otf and fonts-dejavu-core (see .ci/install-debian-packages).
FONTS = r"""
\setmainfont{FreeSerif}[
  Extension = .otf, UprightFont = *, ItalicFont = *Italic,
  BoldFont = *Bold, BoldItalicFont = *BoldItalic]
\setsansfont{FreeSans}[
  Extension = .otf, UprightFont = *, ItalicFont = *Oblique,
  BoldFont = *Bold, BoldItalicFont = *BoldOblique]
\setmonofont{DejaVu Sans Mono}[Scale = MatchLowercase]
% Symbols the pages use that FreeSerif lacks in some shapes (⚠ in italics): DejaVu Sans has them.
\usepackage{newunicodechar}
\newfontfamily\civitracesymbols{DejaVu Sans}[Scale = MatchLowercase]
\newunicodechar{⚠}{{\civitracesymbols ⚠}}
\newunicodechar{✓}{{\civitracesymbols ✓}}
\newunicodechar{✗}{{\civitracesymbols ✗}}
"""


def latex_escape(text: str) -> str:
    """``text`` with LaTeX's special characters made literal."""
    return "".join(_LATEX_SPECIALS.get(char, char) for char in text)


def cover(collectivity: str, title: str, subtitle: str, info: Publication) -> str:
    """A title page: collectivity, title, subtitle, then version and date at the foot."""
    date_line = rf"Dernière modification le {latex_escape(info.date_text)}\par" if info.date else ""
    return rf"""
\begin{{titlepage}}
  \centering
  \vspace*{{1cm}}
  {{\Large\sffamily {latex_escape(collectivity)}\par}}
  \vspace{{4cm}}
  {{\Huge\bfseries\sffamily {latex_escape(title)}\par}}
  \vspace{{1.5cm}}
  {{\Large {latex_escape(subtitle)}\par}}
  \vfill
  {{\large\sffamily {latex_escape(info.version_text)}\par
  {date_line}}}
  \vspace{{1cm}}
  {{\small Document produit avec civitrace à partir des sources publiées en ligne.\par}}
\end{{titlepage}}
"""


def pdf_metadata(collectivity: str, title: str, subtitle: str) -> str:
    """The PDF's own title, author, subject and language, as readers and search engines show them."""
    return (
        rf"\hypersetup{{pdftitle={{{latex_escape(title)}}}, pdfauthor={{{latex_escape(collectivity)}}}, "
        rf"pdfsubject={{{latex_escape(subtitle)}}}, pdflang={{fr-FR}}}}"
    )


def latex_elements(*, collectivity: str, title: str, subtitle: str, info: Publication) -> dict[str, str]:
    """Sphinx ``latex_elements`` for the French PDF of a civitrace project.

    ``title`` is the cover's; the running header shows the (shorter) title of
    ``latex_documents`` and the version.
    """
    return {
        "papersize": "a4paper",
        "pointsize": "11pt",
        # No blank pages before chapters: the PDF is read on screen as much as printed.
        "extraclassoptions": "openany,oneside",
        "fontpkg": FONTS,
        # The running header says "Version v1.2" rather than Sphinx's "Release"
        # (publishing.py sets `release` from git for the LaTeX builder).
        "releasename": "Version",
        # Long addresses break at hyphens too, not only at slashes, instead of running off the page.
        "passoptionstopackages": r"\PassOptionsToPackage{hyphens}{url}",
        "preamble": pdf_metadata(collectivity, title, subtitle),
        "maketitle": cover(collectivity, title, subtitle, info),
        # The page after the contents would otherwise carry "Table des matières" in its footer.
        "tableofcontents": "\\sphinxtableofcontents\n\\markboth{}{}",
        # No index: the PDF is navigated by its table of contents and bookmarks.
        "makeindex": "",
        "printindex": "",
        "sphinxsetup": "TitleColor={rgb}{0.05,0.2,0.4}, InnerLinkColor={rgb}{0.05,0.2,0.4}",
        "figure_align": "htbp",
    }
