"""Swedish short-text similarity: normalisation, character n-gram TF-IDF, a sparse kNN graph.

Why character n-grams: Swedish builds compounds ("långtidssjukskriven",
"rehabiliteringsplan") and inflects ("supporten", "supportens"), and reports have typos.
Word tokens miss all three; 3-5 character n-grams inside word boundaries (``char_wb``)
still share most of their pieces ("sjuk", "skriv", "rehab"). Stop words are dropped first
because in one-line reports their n-grams ("och", " att ") are a large share of the text
and make unrelated reports look alike.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.neighbors import NearestNeighbors

# Function words and manager-report boilerplate that say nothing about the problem.
# Written without diacritics because matching happens after accent folding.
SWEDISH_STOP_WORDS = frozenset("""
alla allt alltid andra annan annat att av bara bli blir blev borde bra da dag dagar dar
de dem den denna deras dess det detta dig din ditt dom du efter eftersom eller en ett
for fran fick far finns fler flera ga gar gjort gor gora ha hade har hen hon honom hur
han hans har hela helt har hos ibland igen in inga ingen inget inom inte jag ju kan kom
kommer kunde man med mellan men mer mig min mina mitt mot mycket ma nagon nagot nagra
nar nu och ocksa om oss pa sa sedan sig sin sina sitt ska skulle som star sa till tva
under upp ut utan vad var vara varit vart vi vid vill vilka vilken vilket vara ar an
att aven over pga ca osv tex behover behova hjalp stod fa
""".split())

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def fold(text: str) -> str:
    """Lower-case and drop diacritics (å→a, ä→a, ö→o, é→e).

    Typing without Swedish letters ("oversattning", "aldreboende") is a common typo
    pattern; folding makes it free.
    """
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise(text: str) -> str:
    """Folded words without stop words, digits or punctuation, joined by spaces.

    Examples
    --------
    >>> normalise("IT-supporten svarar inte på mina ärenden!")
    'it-supporten svarar arenden'
    """
    return " ".join(w for w in _WORD.findall(fold(text)) if w not in SWEDISH_STOP_WORDS)


def char_tfidf(
    texts: Sequence[str],
    *,
    ngram_range: tuple[int, int] = (3, 5),
    max_df: float = 0.5,
) -> sp.csr_matrix:
    """L2-normalised TF-IDF rows of ``char_wb`` n-grams of the normalised texts.

    ``sublinear_tf`` keeps a repeated word from dominating; ``max_df`` drops n-grams found
    in more than half the reports: they separate nothing and dominate the cost of the
    sparse neighbour search.

    References
    ----------
    .. [1] Cavnar, W. B. and Trenkle, J. M. (1994). "N-gram-based text categorization".
       Proc. SDAIR-94, 161-175.
    .. [2] scikit-learn, ``TfidfVectorizer(analyzer="char_wb")``.
    """
    vectorizer = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=ngram_range,
        sublinear_tf=True,
        max_df=max_df if len(texts) > 20 else 1.0,
        dtype=np.float32,
    )
    return vectorizer.fit_transform([normalise(t) for t in texts]).tocsr()


def knn_similarity_edges(
    X: sp.csr_matrix,
    *,
    neighbours: int = 10,
    threshold: float = 0.3,
    n_jobs: int | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's nearest neighbours by cosine similarity, kept when ``>= threshold``.

    Brute-force search on the sparse matrix, chunked by scikit-learn so memory stays at
    ``chunk × n`` and never ``n × n``. Restricting to ``neighbours`` per report bounds the
    graph at ``n × neighbours`` edges even when thousands of reports are near-duplicates.

    Returns
    -------
    rows, cols, similarity : ndarray
        Undirected edges with ``rows < cols``, each once, sorted; ``similarity`` is the
        cosine similarity.
    """
    n = X.shape[0]
    if n < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    k = min(neighbours + 1, n)  # +1: a report is its own nearest neighbour
    search = NearestNeighbors(n_neighbors=k, metric="cosine", algorithm="brute", n_jobs=n_jobs)
    distance, index = search.fit(X).kneighbors(X)
    similarity = 1.0 - distance
    rows = np.repeat(np.arange(n), k)
    cols = index.ravel()
    sims = similarity.ravel()
    keep = (rows != cols) & (sims >= threshold)
    a, b = np.minimum(rows[keep], cols[keep]), np.maximum(rows[keep], cols[keep])
    # A pair found from both ends appears twice; keep one, in a fixed order.
    order = np.lexsort((b, a))
    a, b, s = a[order], b[order], sims[keep][order]
    first = np.ones(a.size, dtype=bool)
    first[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1])
    return a[first], b[first], s[first].astype(float)


def characteristic_terms(
    texts: Sequence[str], groups: Sequence[Sequence[int]], *, top: int = 4
) -> list[list[str]]:
    """The ``top`` most characteristic words of each group of texts, readable Swedish.

    Words keep their Swedish letters (the label is for people); a group's score for a word
    is its mean TF-IDF over the group's reports, i.e. frequent in the group and rare
    elsewhere. Inflections of a chosen word (same first five letters) are skipped so that
    "supporten" does not follow "support".

    Examples
    --------
    >>> characteristic_terms(["budget minus", "budget underskott", "konflikt"], [[0, 1]])
    [['budget', 'minus', 'underskott']]
    """
    if not groups:
        return []
    folded_stop = SWEDISH_STOP_WORDS

    def words(text: str) -> list[str]:
        return [w for w in _WORD.findall(text.lower()) if fold(w) not in folded_stop and len(w) > 2]

    vectorizer = TfidfVectorizer(analyzer=words, sublinear_tf=True, dtype=np.float32)
    W = vectorizer.fit_transform(texts).tocsr()
    vocabulary = vectorizer.get_feature_names_out()
    members = sp.csr_matrix(
        (
            np.concatenate([np.full(len(g), 1.0 / max(len(g), 1)) for g in groups]),
            (np.repeat(np.arange(len(groups)), [len(g) for g in groups]),
             np.concatenate([np.asarray(g, dtype=np.int64) for g in groups])),
        ),
        shape=(len(groups), W.shape[0]),
    )
    centroids = (members @ W).tocsr()
    labels = []
    for g in range(len(groups)):
        row = centroids[g]
        # Ties (common in small groups) resolve alphabetically, for determinism.
        order = sorted(zip(-row.data, vocabulary[row.indices]))
        chosen: list[str] = []
        for _, term in order:
            if any(fold(term)[:5] == fold(c)[:5] for c in chosen):
                continue
            chosen.append(str(term))
            if len(chosen) == top:
                break
        labels.append(chosen)
    return labels


__all__ = [
    "SWEDISH_STOP_WORDS",
    "char_tfidf",
    "characteristic_terms",
    "fold",
    "knn_similarity_edges",
    "normalise",
]
