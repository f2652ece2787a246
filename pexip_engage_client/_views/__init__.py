"""How models, pages and lists show themselves to people: reprs, IPython's pretty form, HTML, JSON text, records.

A call shows nothing: the runtime imports this package when something is first shown."""

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
