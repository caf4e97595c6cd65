"""The built-in search page over Elasticsearch, for analysts when Kibana is not deployed.

Run it with ``contraflow web`` (default http://127.0.0.1:8080/). Each contradiction is shown as
its two statements side by side, with speakers, sources, links and the explanation.
"""

from __future__ import annotations

from .app import create_app, search
from .form import PAGE_SIZE, SearchForm
from .render import render_page

__all__ = ["PAGE_SIZE", "SearchForm", "create_app", "render_page", "search"]
