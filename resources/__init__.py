"""Data files shipped with quoteapp: the sample article, icons, the JSON schema."""
