"""The pipeline's Faust agents: normalise (+ dedupe), extract, detect, claims, index."""

from .claims import register_claims
from .detect import register_detect
from .extract import register_extract
from .index import register_index
from .normalise import classify_raw, register_normalise

__all__ = [
    "classify_raw",
    "register_claims",
    "register_detect",
    "register_extract",
    "register_index",
    "register_normalise",
]
