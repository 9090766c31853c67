"""Swedish short-text similarity: normalisation, character n-gram TF-IDF, characteristic words.

Why character n-grams: Swedish builds compounds ("långtidssjukskriven",
"rehabiliteringsplan") and inflects ("supporten", "supportens"), and reports have typos.
Word tokens miss all three; 3-5 character n-grams inside word boundaries (``char_wb``)
still share most of their pieces ("sjuk", "skriv", "rehab"). Stop words are dropped first
because in one-line reports their n-grams ("och", " att ") are a large share of the text
and make unrelated reports look alike.

Used by :func:`.groups.group_problems` (the TF-IDF rows and the groups' label words) and the
unit tests.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

# Function words and report boilerplate ("behöver hjälp/stöd") that say nothing about the
# problem. Written without diacritics because matching happens after accent folding.
SWEDISH_STOP_WORDS = frozenset("""
alla allt alltid andra annan annat att av bara bli blir blev borde bra da dag dagar dar
de dem den denna deras dess det detta dig din ditt dom du efter eftersom eller en ett
for fran fick far finns fler flera ga gar gjort gor gora ha hade har hen hon honom hur
han hans hela helt hos ibland igen in inga ingen inget inom inte jag ju kan kom kommer
kunde man med mellan men mer mig min mina mitt mot mycket ma nagon nagot nagra nar nu
och ocksa om oss pa sa sedan sig sin sina sitt ska skulle som star till tva under upp
ut utan vad var vara varit vart vi vid vill vilka vilken vilket ar an aven over pga ca
osv tex behover behova hjalp stod fa blivit samma nya ny
""".split())

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_COMBINING = re.compile(r"[\u0300-\u036f]")


def _fold_slowly(text: str) -> str:
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


# Accented Latin letters that fold to plain ASCII, as a str.translate table built from
# the general rule itself, so that the fast path cannot disagree with it.
_ASCII_FOLDS = str.maketrans({
    c: f for c, f in ((chr(i), _fold_slowly(chr(i))) for i in range(0xC0, 0x250)) if f.isascii()
})


def fold(text: str) -> str:
    """Lower-case and drop diacritics (å→a, ä→a, ö→o, é→e).

    Typing without Swedish letters ("oversattning", "aldreboende") is a common typo
    pattern; folding makes it free. Swedish text takes a translate-table fast path
    (cheaper than Unicode decomposition, which the job does for every word of every
    report); anything else left non-ASCII is decomposed.
    """
    lower = text.lower()
    fast = lower.translate(_ASCII_FOLDS)
    return fast if fast.isascii() else _fold_slowly(lower)


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
    block: int = 20_000,
) -> sp.csr_matrix:
    """L2-normalised TF-IDF rows of ``char_wb`` n-grams of the normalised texts.

    The same matrix as ``TfidfVectorizer(analyzer="char_wb", ngram_range=ngram_range,
    sublinear_tf=True, max_df=max_df)`` on :func:`normalise`-d texts, and faster:
    ``char_wb`` n-grams never cross a space, so a document's n-gram counts are the sum of
    its words' -- each distinct word is cut into n-grams once (``counts = C @ M`` with
    ``C`` documents × words and ``M`` words × n-grams) instead of once per occurrence.
    ``max_df`` drops n-grams in more than half the reports: they separate nothing.

    Memory: the matrix holds ~230 n-grams per report (8 bytes each as float32 values and
    int32 columns: ~0.9 GiB at 500,000 reports). It is built ``block`` reports at a time
    and each block is copied into the result and freed, so the peak is about the result
    itself rather than the two to four full-size copies (int64 counts, the column filter,
    float conversion, weighting) that transforming the whole matrix at once would hold.

    References
    ----------
    .. [1] Cavnar, W. B. and Trenkle, J. M. (1994). "N-gram-based text categorization".
       Proc. SDAIR-94, 161-175.
    .. [2] scikit-learn, ``TfidfVectorizer`` and ``CountVectorizer(analyzer="char_wb")``.
    """
    docs = [normalise(t) for t in texts]
    n = len(docs)
    words = CountVectorizer(analyzer=str.split)
    try:
        C = words.fit_transform(docs).tocsr()
    except ValueError:  # no words at all
        return sp.csr_matrix((n, 0), dtype=np.float32)
    del docs
    grams = CountVectorizer(analyzer="char_wb", ngram_range=ngram_range)
    M = grams.fit_transform(words.get_feature_names_out()).tocsr()
    width = M.shape[1]
    blocks, df = [], np.zeros(width, dtype=np.int64)
    for start in range(0, n, block):
        counts = (C[start : start + block] @ M).tocsr()
        counts.sort_indices()  # row products (the neighbour search) want canonical rows
        df += np.bincount(counts.indices, minlength=width)
        tf = np.log(counts.data.astype(np.float32)) + np.float32(1)  # sublinear tf
        blocks.append((tf, counts.indices.astype(np.int32), counts.indptr))
        del counts
    # On a handful of reports every useful n-gram is "frequent": no max_df there.
    keep = df <= max_df * n if n > 20 else np.ones(width, dtype=bool)
    column = (np.cumsum(keep) - 1).astype(np.int32)
    # smooth idf
    idf = (np.log(np.float32(n + 1) / (df + 1).astype(np.float32)) + 1).astype(np.float32)
    kept = sum(int(keep[indices].sum()) for _, indices, _ in blocks)
    data = np.empty(kept, dtype=np.float32)
    indices = np.empty(kept, dtype=np.int32)
    indptr = np.zeros(n + 1, dtype=np.int64)
    at, row = 0, 0
    blocks.reverse()  # pop() from the front without shifting the list
    while blocks:
        tf, cols, ptr = blocks.pop()
        rows = np.repeat(np.arange(ptr.size - 1), np.diff(ptr))
        mask = keep[cols]
        weight, cols, rows = tf[mask] * idf[cols[mask]], column[cols[mask]], rows[mask]
        norms = np.sqrt(np.bincount(rows, weights=weight.astype(np.float64) ** 2,
                                    minlength=ptr.size - 1))
        weight /= np.maximum(norms, 1e-12).astype(np.float32)[rows]
        data[at : at + weight.size], indices[at : at + weight.size] = weight, cols
        indptr[row + 1 : row + ptr.size] = at + np.cumsum(np.bincount(rows, minlength=ptr.size - 1))
        at, row = at + weight.size, row + ptr.size - 1
    return sp.csr_matrix((data, indices, indptr), shape=(n, int(keep.sum())))


def _same_word(a: str, b: str) -> bool:
    """Whether two words look like inflections or compounds of one another.

    "lön"/"lönen", "supporten"/"it-supporten", "rehabilitering"/"rehabiliteringen".
    """
    a, b = fold(a), fold(b)
    if a in b or b in a:
        return True
    stem = min(5, len(a), len(b))
    return a[:stem] == b[:stem]


def characteristic_terms(
    texts: Sequence[str], groups: Sequence[Sequence[int]], *, top: int = 4
) -> list[list[str]]:
    """The ``top`` most characteristic words of each group of texts, readable Swedish.

    Words keep their Swedish letters (the label is for people). A word's score in a group
    is its mean TF-IDF over the group's reports minus its mean over all reports: frequent
    in the group, and not merely frequent everywhere ("medarbetare", "personal"). A word
    that looks like an inflection or compound of one already chosen is skipped, so that
    "supporten" does not follow "it-supporten".

    Examples
    --------
    >>> characteristic_terms(["budget minus", "budgeten underskott", "konflikt"], [[0, 1]])
    [['budget', 'minus', 'underskott']]
    """
    if not groups:
        return []

    kept: dict[str, bool] = {}  # per distinct word: folding every occurrence is wasted work

    def keep(word: str) -> bool:
        if word not in kept:
            kept[word] = len(word) > 2 and fold(word) not in SWEDISH_STOP_WORDS
        return kept[word]

    def words(text: str) -> list[str]:
        return [w for w in _WORD.findall(text.lower()) if keep(w)]

    vectorizer = CountVectorizer(analyzer=words)
    try:
        counts = vectorizer.fit_transform(texts)
    except ValueError:  # not a single word
        return [[] for _ in groups]
    W = TfidfTransformer(sublinear_tf=True).fit_transform(counts).tocsr()
    vocabulary = vectorizer.get_feature_names_out()
    overall = np.asarray(W.mean(axis=0)).ravel()
    labels = []
    for group in groups:
        rows = W[np.asarray(group, dtype=np.int64)]
        present = np.unique(rows.indices)
        score = np.asarray(rows[:, present].mean(axis=0)).ravel() - overall[present]
        # Ties (common in small groups) resolve alphabetically, for determinism.
        order = sorted(zip(np.round(-score, 9), vocabulary[present]))
        chosen: list[str] = []
        for _, term in order:
            if not any(_same_word(term, c) for c in chosen):
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
    "normalise",
]
