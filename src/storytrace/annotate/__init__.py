"""Per-article annotation: a pure function of one ``CleanArticle`` and the settings.

Because it reads nothing but its arguments, ``annotate`` can run in a process pool today and
on the workers of a distributed engine later. The steps, each its own module:

    sentences (syntok + repairs) → entity mentions → attributions (cues, speakers, stance,
    dates) ; figures and time expressions are found inside attributions on demand
"""

from __future__ import annotations

from storytrace.annotate.attributions import find_attributions
from storytrace.annotate.entities import find_mentions
from storytrace.annotate.sentences import split_sentences
from storytrace.model import AnnotatedArticle, CleanArticle
from storytrace.settings import Settings

__all__ = ["annotate", "find_attributions", "find_mentions", "split_sentences"]


def annotate(article: CleanArticle, settings: Settings) -> AnnotatedArticle:
    sentences = tuple(
        split_sentences(article.text, article.language, settings.annotate.max_sentence_chars)
    )
    if article.language not in ("de", "en"):
        return AnnotatedArticle(article=article, sentences=sentences)
    mentions = find_mentions(article.text, sentences, article.language)
    attributions = find_attributions(
        article.text, sentences, article.language, mentions, article.published
    )
    return AnnotatedArticle(
        article=article, sentences=sentences, mentions=mentions, attributions=attributions
    )
