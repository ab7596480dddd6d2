"""Scoring attribution files against gold ones (the metric of attribution-format.md)."""
