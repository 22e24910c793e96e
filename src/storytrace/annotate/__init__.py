"""Per-article annotation: a pure function of one ``CleanArticle`` and the settings.

Because it reads nothing but its arguments, ``annotate`` can run in a process pool today and
on the workers of a distributed engine later. Issue 3 adds entities and attributions here.
"""

from __future__ import annotations

from storytrace.annotate.sentences import split_sentences
from storytrace.model import AnnotatedArticle, CleanArticle
from storytrace.settings import Settings

__all__ = ["annotate", "split_sentences"]


def annotate(article: CleanArticle, settings: Settings) -> AnnotatedArticle:
    sentences = split_sentences(
        article.text, article.language, settings.annotate.max_sentence_chars
    )
    return AnnotatedArticle(article=article, sentences=tuple(sentences))
