"""Linking across articles (issue 4 builds it here): entity canonicalisation, claim matching,
text reuse between articles, independent-origin counts, relations between claims, stories.

It runs over the store, not over single articles; until it exists the dossier's
``claims``, ``relations``, ``reuse`` and ``stories`` sections are empty lists.
"""
