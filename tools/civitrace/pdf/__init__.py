"""Tagged, accessible PDF (PDF/UA-1) from HTML and CSS, with WeasyPrint.

:mod:`.writer` renders an HTML file with the print stylesheet into a PDF whose
structure tree, language, title and metadata PDF/UA asks for; :mod:`.artifacts`
marks the running headers and footers as artifacts. No Sphinx here: the site's
PDF (``sphinx_ext.print_builder``) and the yearly report (``report``) both use it.
"""
