"""storytrace: sourced dossiers from news coverage of a developing story.

Library entry points: ``storytrace.pipeline.analyze`` runs ingest → clean → annotate →
store; ``storytrace.report`` builds and writes the dossier. The CLI (``storytrace.cli``) is a
thin layer over these.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("storytrace")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0+unknown"
