"""Plain-Python attribution data: spans, entities, quotes and the annotation of an article."""

from quoteapp.model.annotation import (
    ENTITY_KINDS,
    QUOTE_TYPES,
    ROLES,
    STATUSES,
    Annotation,
    Document,
    Entity,
    Intermediary,
    Quote,
    Span,
    Speaker,
    text_sha256,
)
from quoteapp.model.validation import InvalidAnnotation, check_span, validate

__all__ = [
    "ENTITY_KINDS",
    "QUOTE_TYPES",
    "ROLES",
    "STATUSES",
    "Annotation",
    "Document",
    "Entity",
    "Intermediary",
    "InvalidAnnotation",
    "Quote",
    "Span",
    "Speaker",
    "check_span",
    "text_sha256",
    "validate",
]
