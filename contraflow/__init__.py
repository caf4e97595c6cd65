"""contraflow: contradicting statements in streams of news."""

__version__ = "0.1.0"
__all__ = ["__version__"]
