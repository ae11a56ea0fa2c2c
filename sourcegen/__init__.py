"""sourcegen: scraped interview → annotated question-and-answer page for MkDocs Material."""

__version__ = "0.1.0"
