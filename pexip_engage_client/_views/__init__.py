"""How models, pages and lists show themselves to people: reprs, IPython's pretty form, HTML, JSON text, records.

Outside the request core: a call shows nothing. The generated models and the runtime's pages and lists reach these
through the runtime's seam (`_runtime/handed.py`), which the package root hands this room to, imported when something
is first shown."""

from ._models import model_html, model_json, model_pretty, model_record, model_repr
from ._pages import list_html, list_pretty, list_repr, page_html, page_pretty, page_repr

__all__ = [
    "list_html",
    "list_pretty",
    "list_repr",
    "model_html",
    "model_json",
    "model_pretty",
    "model_record",
    "model_repr",
    "page_html",
    "page_pretty",
    "page_repr",
]
