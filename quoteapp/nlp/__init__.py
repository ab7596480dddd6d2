"""spaCy-based extraction: quotes, cues, speakers, intermediaries and entities. No Qt here."""
