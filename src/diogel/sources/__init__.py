"""Source adapters: one module per file format partners send.

Each adapter turns a file into a :class:`~diogel.sources.base.ParsedFile`:
harmonised rows ready for the warehouse, the rows it rejected with reasons, and
the file's period. Whole-file faults raise :class:`~diogel.sources.base.BadFileError`.
"""

from diogel.sources.base import BadFileError, ParsedFile, Rejection

__all__ = ["BadFileError", "ParsedFile", "Rejection"]
