"""Named-entity recognition behind ``storytrace.annotate.entities``.

``tokens`` builds NER words from sentence tokens, ``lexicon`` loads the language data,
``features`` and ``crf`` are the shipped German model, ``rules`` the rules-only baseline,
``english`` the spaCy wrapper for English.
"""
