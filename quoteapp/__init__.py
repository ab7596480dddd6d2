"""quoteapp: find quotations in news articles, attribute them to speakers and intermediaries."""

__version__ = "0.1.0"
APP_NAME = "quoteapp"
