"""A folder of articles, for the command line and the editor alike (no Qt, no spaCy).

Where an article's annotation lives (`locations`), reading a folder's annotation files once and
keeping them fresh (`folder`), opening one article as saved / recovered / changed / fresh
(`opening`), the editor's autosave copies (`recovery`), the bundled sample article (`sample`), and
charts of a folder's statistics (`charts`).
"""
