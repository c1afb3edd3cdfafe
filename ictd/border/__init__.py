"""Border data: airline manifests (PAXLST, PNRGOV), machine-readable zones, the register of
lost and stolen travel documents, and agencies' risk rules — the pure engine.

Owns the EDIFACT syntax and envelope, the segment mapping of PAXLST and PNRGOV to
``ictd.model`` manifests, ICAO 9303 MRZ reading, document-number normalisation and the
compact in-memory document index, the risk-rule language (lexer, parser, type checker,
evaluator with explanations) and the synthetic message generator. Does no I/O: no store,
network, files or environment. May import ``ictd.model``, ``ictd.exc``, ``ictd.demo``
(names for synthetic messages), the standard library and numpy.
"""
