"""Reading articles, reading and writing attribution files, dataset exports. No Qt here."""
