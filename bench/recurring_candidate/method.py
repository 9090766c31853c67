"""Prototype grouping of managers' problem reports into recurring problems.

``group(reports, **params) -> {report id: cluster id}`` -- a pure function: same reports
and parameters, same answer, whatever the input order; one-offs get their own cluster.

Pipeline
--------
1. **Words** (:func:`analyse`): lower-case, Swedish workplace abbreviations expanded
   ("ssk" -> "sjuksköterska"), English reports mapped word/phrase-wise to Swedish through a
   small glossary kept as data (``glossary.tsv``, each entry with where it comes from),
   stop words dropped (Snowball's Swedish and English lists), Swedish Snowball stemming
   [Porter 2001], accents folded after stemming (typing "overtid" for "övertid"), and
   **compound splitting**: a stem is also cut into parts that occur as stems of their own
   in the reports (or in the glossary's lexicon), the cut with the highest geometric mean
   of part frequencies being chosen, Swedish linking -s- allowed [Koehn and Knight 2003].
   "nattpersonalen" gives "nattpersonal", "natt", "personal".
2. **Features**: three L2-normalised TF-IDF blocks [Salton and Buckley 1988] --
   word stems + compound parts, character 3-5-grams inside words of the (translated)
   normalised text [Cavnar and Trenkle 1994], and the manager-chosen **category** as a
   one-hot block -- concatenated with weights ``w_word``, ``w_char``, ``w_cat`` and
   renormalised, so the cosine of two reports is the weighted mean of the three block
   cosines: sharing a category adds ``w_cat / (w_word + w_char + w_cat)`` to the
   similarity (a soft signal, not a partition: a recruitment report filed under BUDGET can
   still join its group on text). ``OTHER`` counts ``other_weight`` times as much.
3. **Neighbour graph**: each report's ``neighbours`` most similar reports, kept when the
   cosine is ``>= threshold`` -- exact (blocked sparse products) up to ``exact_limit``
   reports, an inverted-file search above (random projection, k-means cells, a few cells
   probed, candidates re-scored exactly) [Jégou et al. 2011]: O(n * k) edges, never n^2.
4. **Clustering** (``linkage``):
   * ``"average"`` (default): average-linkage agglomeration restricted to the sparse
     neighbour graph (UPGMA [Sokal and Michener 1958] with a connectivity constraint, as
     scikit-learn's ``AgglomerativeClustering(connectivity=...)``): two groups merge
     while the mean similarity of their *known* cross pairs (graph edges) is
     ``>= threshold``; pairs without an edge count as similarity ``missing_as`` when
     ``coverage`` of the cross pairs is asked for -- see :func:`sparse_average_linkage`.
     No size prior: a group stops growing when its members stop being alike, at 2 or 200.
   * ``"components"``: connected components of the thresholded graph.
   * ``"leiden"``: Leiden with the constant Potts model at ``resolution`` [Traag et al.
     2011, 2019] (no resolution limit, no preferred size).

References
----------
Porter, M. F. (2001). Snowball: A language for stemming algorithms (Swedish stemmer;
  Swedish and English stop lists). snowballstem.org. Python package ``snowballstemmer``.
Koehn, P. and Knight, K. (2003). Empirical methods for compound splitting. EACL 2003.
Salton, G. and Buckley, C. (1988). Term-weighting approaches in automatic text retrieval.
  Information Processing & Management 24(5).
Cavnar, W. B. and Trenkle, J. M. (1994). N-gram-based text categorization. SDAIR-94.
Jégou, H., Douze, M. and Schmid, C. (2011). Product quantization for nearest neighbor
  search. IEEE TPAMI 33(1) (inverted-file index).
Sokal, R. R. and Michener, C. D. (1958). A statistical method for evaluating systematic
  relationships. Univ. Kansas Sci. Bull. 38.
Traag, V. A., Van Dooren, P. and Nesterov, Y. (2011). Narrow scope for resolution-limit-free
  community detection. Phys. Rev. E 84, 016114 (CPM).
Traag, V. A., Waltman, L. and van Eck, N. J. (2019). From Louvain to Leiden. Sci. Rep. 9.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
import snowballstemmer
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

HERE = Path(__file__).resolve().parent

# Chosen on set_care.json only (RESULTS.md): the middle of the plateau of ARI >= 0.72
# over threshold 0.16-0.22. The category adds w_cat / (w_word + w_char + w_cat) = 0.12 to a
# same-category pair's cosine (0.06 for OTHER): the threshold must stay above that bonus,
# or every report of a category merges.
DEFAULTS: dict[str, Any] = dict(
    w_word=1.5,
    w_char=1.0,
    w_cat=0.35,
    other_weight=0.5,
    neighbours=30,
    threshold=0.2,
    edge_threshold=0.0,
    linkage="average",
    coverage=0.0,
    missing_as=0.0,
    resolution=0.2,
    compounds=True,
    glossary=True,
    exact_limit=6000,
    seed=0,
)

# Snowball stop lists (snowballstem.org/algorithms/swedish/stop.txt, .../english/stop.txt),
# plus report boilerplate (the old job's list: "behöver hjälp", "igen", ...).
SV_STOP = set("""
och det att i en jag hon som han på den med var sig för så till är men ett om hade de av
icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde
något från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under
någon eller allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli
blev oss din dessa några deras blir mina samma vilken er sådan vår blivit dess inom
mellan sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt våra
ert era vilkas
alltid andra annan annat bara borde bra dag dagar dom eftersom fick får finns fler flera
gå går gjort gör göra hela helt hos hen ibland igen in inga inget jag kom kommer mer
måste nån nåt nåra också pga sen ska står två tre vill även behöver behöva hjälp stöd få
nya ny nytt fortfarande idag igår tex osv ca enda ens just kanske redan väl nog
""".split())
EN_STOP = set("""
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
she her hers herself it its itself they them their theirs themselves what which who whom
this that these those am is are was were be been being have has had having do does did
doing would should could ought a an the and but if or because as until while of at by for
with about against between into through during before after above below to from up down
in out on off over under again further then once here there when where why how all any
both each few more most other some such no nor not only own same so than too very can will
just don't now get got go going still even also already every one two three new need help
since anyone nobody anything nothing really much many again
""".split())
_WORD = re.compile(r"[^\W\d_]+(?:[-:][^\W\d_]+)*")
_SV = snowballstemmer.stemmer("swedish")
_EN = snowballstemmer.stemmer("english")


def fold(text: str) -> str:
    """Drop diacritics: å->a, ä->a, ö->o, é->e."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@cache
def load_glossary(path: str = str(HERE / "glossary.tsv")) -> tuple[dict, dict, frozenset]:
    """``(english phrase -> swedish, abbreviation -> full, lexicon of swedish stems)``."""
    english, abbreviations = {}, {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("kind\t"):
            continue
        kind, source, target, _where = line.split("\t")
        (english if kind == "en" else abbreviations)[source.lower()] = target.lower()
    lexicon = {fold(_SV.stemWord(w)) for t in list(english.values()) + list(abbreviations.values())
               for w in _WORD.findall(t) if len(w) >= 3}
    lexicon |= {fold(_SV.stemWord(w)) for w in LEXICON.split()}
    return english, abbreviations, frozenset(lexicon)


# General Swedish compound parts of municipal work life (heads and tails of compounds),
# written by hand; a part must also be a stem of the reports or of this list to be cut off.
LEXICON = """
natt dag kväll helg personal system journal sjuk frånvaro kort lång tid över lön budget
kostnad skola lärare elev klass barn förskola hem tjänst boende vård omsorg material
rekrytering annons chef grupp enhet avdelning schema pass vikarie bemanning support dator
telefon program app konto lösenord utbildning plan möte samtal konflikt mögel fukt lokal
bil mat kök städ säkerhet arbete miljö ledning ekonomi anställning timme ersättning
sköterska läkare patient brukare anhörig ärende skrivare nätverk inloggning behörighet
"""


def _detect_english(words: Sequence[str]) -> bool:
    en = sum(w in EN_STOP for w in words)
    sv = sum(w in SV_STOP for w in words)
    return en > sv


def _translate(words: list[str], english: Mapping[str, str]) -> list[str]:
    """English words -> Swedish through the glossary (longest phrase first, up to 4 words);
    unknown English words are kept (many are shared: "system", "budget", "it")."""
    out, i = [], 0
    while i < len(words):
        for span in (4, 3, 2, 1):
            phrase = " ".join(words[i : i + span])
            if len(words) - i >= span and phrase in english:
                out.extend(english[phrase].split())
                i += span
                break
        else:
            if words[i] not in EN_STOP:
                out.append(words[i])
            i += 1
    return out


def normalised_words(text: str, lang: str | None, use_glossary: bool = True) -> list[str]:
    """Lower-case Swedish words of a report (translated when English), stop words dropped,
    abbreviations expanded, hyphenated words kept whole (hyphen dropped) and in parts."""
    english, abbreviations, _ = load_glossary()
    raw = _WORD.findall(text.lower())
    is_en = lang == "en" if lang in ("sv", "en") else _detect_english(raw)
    if is_en and use_glossary:
        raw = _translate(raw, english)
    out = []
    for w in raw:
        if use_glossary and w in abbreviations:
            out.extend(abbreviations[w].split())
            continue
        parts = re.split(r"[-:]", w)
        if len(parts) > 1:
            out.append("".join(parts))
            out.extend(p for p in parts if len(p) >= 2)
        elif w not in SV_STOP and w not in EN_STOP and len(w) >= 2:
            out.append(w)
    return out


def _stem(word: str) -> str:
    return fold(_SV.stemWord(word))


def _split(stem: str, freq: Mapping[str, int], depth: int = 2) -> list[str]:
    """Compound parts of ``stem`` (Koehn and Knight 2003): the cut into head + tail, both
    known stems of >= 3 letters (head may end in a linking "s", or lack a final "a"/"e"),
    with the highest geometric mean of frequencies; parts are cut again ``depth - 1`` times."""
    if depth == 0 or len(stem) < 7:
        return []
    best, best_score = None, 0.0
    for i in range(3, len(stem) - 3):
        head, tail = stem[:i], stem[i:]
        tail_f = freq.get(tail, 0) or freq.get(_stem(tail), 0)
        if not tail_f:
            continue
        for h in (
            head,
            head[:-1] if head.endswith("s") and len(head) > 3 else None,
            head + "a",
            head + "e",
        ):
            if h and len(h) >= 3 and freq.get(h, 0) and h not in SV_STOP and fold(h) not in SV_STOP:
                score = math.sqrt(freq[h] * tail_f)
                if score > best_score:
                    best, best_score = (h, tail if tail in freq else _stem(tail)), score
                break
    if best is None:
        return []
    h, t = best
    return [h, t, *_split(h, freq, depth - 1), *_split(t, freq, depth - 1)]


def analyse(texts: Sequence[str], langs: Sequence[str | None], *, compounds: bool = True,
            glossary: bool = True) -> tuple[list[list[str]], list[str]]:
    """Per report: word features (stems and compound parts) and the normalised text that
    the character n-grams are taken from."""
    words = [normalised_words(t, lang, glossary) for t, lang in zip(texts, langs)]
    stems = [[_stem(w) for w in ws] for ws in words]
    tokens = stems
    if compounds:
        _, _, lexicon = load_glossary()
        freq = Counter(s for ss in stems for s in set(ss))
        for s in lexicon:
            freq[s] = freq.get(s, 0) + 1
        cache: dict[str, list[str]] = {}
        tokens = []
        for ss in stems:
            row = list(ss)
            for s in ss:
                if s not in cache:
                    cache[s] = sorted(set(_split(s, freq)))
                row.extend(cache[s])
            tokens.append(row)
    return tokens, [" ".join(fold(w) for w in ws) for ws in words]


def _tfidf(counts: sp.csr_matrix, max_df: float | None = None) -> sp.csr_matrix:
    n = counts.shape[0]
    if max_df is not None and n > 20:
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        counts = counts[:, np.flatnonzero(df <= max_df * n)]
    return TfidfTransformer(sublinear_tf=True).fit_transform(counts).astype(np.float32).tocsr()


def features(reports: Sequence[Mapping[str, Any]], *, w_word=1.0, w_char=1.0, w_cat=0.5,
             other_weight=0.5, compounds=True, glossary=True) -> sp.csr_matrix:
    """Rows: weighted, renormalised [word TF-IDF | char 3-5-gram TF-IDF | category one-hot]."""
    texts = [
        r.get("text") or f"{r.get('title') or ''}. {r.get('description') or ''}" for r in reports
    ]
    tokens, normal = analyse(
        texts, [r.get("lang") for r in reports], compounds=compounds, glossary=glossary
    )
    n = len(reports)
    blocks = []
    if w_word:
        try:
            W = CountVectorizer(analyzer=lambda x: x).fit_transform(tokens)
            blocks.append(math.sqrt(w_word) * _tfidf(W.tocsr()))
        except ValueError:
            pass
    if w_char:
        try:
            C = CountVectorizer(
                analyzer="char_wb", ngram_range=(3, 5), dtype=np.float32
            ).fit_transform(normal)
            blocks.append(math.sqrt(w_char) * _tfidf(C.tocsr(), max_df=0.5))
        except ValueError:
            pass
    if w_cat:
        cats = [str(r.get("category") or "") for r in reports]
        names = sorted({c for c in cats if c})
        index = {c: i for i, c in enumerate(names)}
        rows = [i for i, c in enumerate(cats) if c]
        vals = [math.sqrt(other_weight) if cats[i] == "OTHER" else 1.0 for i in rows]
        K = sp.csr_matrix((np.array(vals, np.float32), (rows, [index[cats[i]] for i in rows])),
                          shape=(n, max(1, len(names))))
        blocks.append(math.sqrt(w_cat) * K)
    X = sp.hstack(blocks, format="csr", dtype=np.float32)
    # Divide by the full weight, not the row's own norm: a report without a category (or
    # with OTHER) must not get its text blocks inflated to make up for it.
    return (X / np.float32(math.sqrt(w_word + w_char + w_cat))).tocsr()


# ----------------------------------------------------------------------------- neighbours

def _exact_knn(X: sp.csr_matrix, k: int, block: int = 2048) -> tuple[np.ndarray, np.ndarray]:
    """Each row's ``k`` most similar rows (not itself), blocked: ``block x n`` at a time."""
    n = X.shape[0]
    k = min(k, n - 1)
    idx = np.empty((n, k), dtype=np.int64)
    sim = np.empty((n, k), dtype=np.float32)
    XT = X.T.tocsr()
    for s in range(0, n, block):
        S = (X[s : s + block] @ XT).toarray()
        S[np.arange(S.shape[0]), np.arange(s, s + S.shape[0])] = -np.inf
        top = np.argpartition(-S, k - 1, axis=1)[:, :k]
        idx[s : s + block] = top
        sim[s : s + block] = np.take_along_axis(S, top, axis=1)
    return idx, sim


def _ivf_knn(X: sp.csr_matrix, k: int, seed: int, cell_size: int = 500, probes: int = 3,
             dims: int = 256) -> tuple[np.ndarray, np.ndarray]:
    """Inverted-file search (Jégou et al. 2011): random projection to ``dims``, k-means
    cells of ~``cell_size``, each row filed in its ``probes`` nearest cells and compared
    with the rows filed in its nearest cell; the best ``2k`` candidates re-scored exactly."""
    from sklearn.cluster import MiniBatchKMeans

    n = X.shape[0]
    rng = np.random.default_rng(seed)
    P = rng.standard_normal((X.shape[1], dims), dtype=np.float32)
    Z = np.asarray(X @ P, dtype=np.float32)
    del P
    Z /= np.maximum(np.linalg.norm(Z, axis=1, keepdims=True), 1e-12)
    cells = max(1, n // cell_size)
    probes = min(probes, cells)
    sample = np.sort(rng.choice(n, size=min(n, max(5000, 10 * cells)), replace=False))
    centres = (
        MiniBatchKMeans(
            n_clusters=cells,
            init="random",
            random_state=seed,
            n_init=1,
            batch_size=2048,
            max_iter=5,
        )
        .fit(Z[sample])
        .cluster_centers_.astype(np.float32)
    )
    near = np.empty((n, probes), dtype=np.int32)
    for s in range(0, n, 8192):
        c = Z[s : s + 8192] @ centres.T
        part = np.argpartition(-c, probes - 1, axis=1)[:, :probes]
        order = np.argsort(-np.take_along_axis(c, part, axis=1), axis=1)
        near[s : s + 8192] = np.take_along_axis(part, order, axis=1)
    filed = np.argsort(near.ravel(), kind="stable")
    fb = np.searchsorted(near.ravel()[filed], np.arange(cells + 1))
    filed //= probes
    prim = np.argsort(near[:, 0], kind="stable")
    pb = np.searchsorted(near[prim, 0], np.arange(cells + 1))
    c2 = 2 * k
    cand = np.repeat(np.arange(n)[:, None], c2, axis=1)
    for cell in range(cells):
        pool = filed[fb[cell] : fb[cell + 1]]
        q = prim[pb[cell] : pb[cell + 1]]
        if q.size == 0 or pool.size < 2:
            continue
        S = Z[q] @ Z[pool].T
        S[q[:, None] == pool[None, :]] = -np.inf
        take = min(c2, pool.size - 1)
        top = np.argpartition(-S, take - 1, axis=1)[:, :take]
        cand[q, :take] = pool[top]
    # exact re-scoring of the candidates, in chunks
    rows = np.repeat(np.arange(n), c2)
    cols = cand.ravel()
    sims = np.empty(rows.size, dtype=np.float32)
    for s in range(0, rows.size, 50_000):
        sims[s : s + 50_000] = np.asarray(
            X[rows[s : s + 50_000]].multiply(X[cols[s : s + 50_000]]).sum(axis=1)
        ).ravel()
    sims[rows == cols] = -np.inf
    sims = sims.reshape(n, c2)
    top = np.argsort(-sims, axis=1)[:, :k]
    return np.take_along_axis(cand, top, axis=1), np.take_along_axis(sims, top, axis=1)


def knn_edges(X: sp.csr_matrix, *, neighbours: int, threshold: float, exact_limit: int = 6000,
              seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Undirected kNN-graph edges (a < b, each once) with cosine ``>= threshold``."""
    n = X.shape[0]
    if n < 2:
        z = np.zeros(0, dtype=np.int64)
        return z, z, np.zeros(0, dtype=np.float32)
    idx, sim = _exact_knn(X, neighbours) if n <= exact_limit else _ivf_knn(X, neighbours, seed)
    a = np.repeat(np.arange(n), idx.shape[1])
    b = idx.ravel()
    s = sim.ravel()
    keep = (s >= threshold) & (a != b)
    a, b, s = a[keep], b[keep], s[keep]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    key, first = np.unique(lo * n + hi, return_index=True)
    return key // n, key % n, s[first]


# ----------------------------------------------------------------------------- clustering

def sparse_average_linkage(n: int, a: np.ndarray, b: np.ndarray, s: np.ndarray, *,
                           threshold: float, coverage: float = 0.0,
                           missing_as: float = 0.0) -> np.ndarray:
    """Average linkage on a sparse similarity graph, stopped at ``threshold``.

    Clusters ``i`` and ``j`` with ``e`` known cross pairs of summed similarity ``S`` have
    linkage ``(S + missing_as * m) / (e + m)`` where ``m = max(0, ceil(coverage * n_i * n_j) - e)``
    pairs without an edge are counted at ``missing_as``: ``coverage=0`` averages only the
    known pairs (scikit-learn's connectivity-constrained average linkage), ``coverage=1``
    treats every unknown pair as ``missing_as`` (exact UPGMA if unknown pairs are that
    dissimilar). Greedy: the pair with the highest linkage merges first (lazy heap);
    small-into-large dict merging and re-pushing only the links that gained pairs keep it
    about O(E log E) for E graph edges.
    """
    parent = np.arange(n)
    size = {i: 1 for i in range(n)}
    nbr: dict[int, dict[int, list[float]]] = {i: {} for i in range(n)}
    for x, y, w in zip(a.tolist(), b.tolist(), s.tolist()):
        nbr[x][y] = [w, 1]
        nbr[y][x] = [w, 1]

    def link(i: int, j: int, st: list[float]) -> float:
        e = st[1]
        m = max(0, math.ceil(coverage * size[i] * size[j]) - e)
        return (st[0] + missing_as * m) / (e + m)

    heap = [(-w, x, y) for x, y, w in zip(a.tolist(), b.tolist(), s.tolist())]
    heapq.heapify(heap)
    alive = set(range(n))
    while heap:
        neg, x, y = heapq.heappop(heap)
        if x not in alive or y not in alive or y not in nbr[x]:
            continue
        current = link(x, y, nbr[x][y])
        if abs(current + neg) > 1e-9:  # stale entry: push the current value
            if current >= threshold:
                heapq.heappush(heap, (-current, x, y))
            continue
        if current < threshold:
            break
        if len(nbr[x]) < len(nbr[y]):
            x, y = y, x  # merge y into x, y having fewer neighbours
        alive.discard(y)
        parent[y] = x
        del nbr[x][y]
        del nbr[y][x]
        changed = nbr.pop(y)
        for z, st in changed.items():
            del nbr[z][y]
            if z in nbr[x]:
                nbr[x][z][0] += st[0]
                nbr[x][z][1] += st[1]
            else:
                nbr[x][z] = [st[0], st[1]]
            nbr[z][x] = nbr[x][z]
        size[x] += size.pop(y)
        # Only links to y's neighbours gained pairs and need a fresh heap entry. The other
        # links of x kept their pairs; with coverage > 0 their value can only have dropped
        # (more missing pairs), so their heap entries are upper bounds, re-checked on pop.
        # Re-pushing all of x's links after every merge would be quadratic in a big group.
        for z in changed:
            st = nbr[x][z]
            v = link(x, z, st)
            if v >= threshold:
                heapq.heappush(heap, (-v, x, z) if x < z else (-v, z, x))
    # resolve parents to roots
    for i in range(n):
        r = i
        while parent[r] != r:
            r = parent[r]
        parent[i] = r
    return parent


def _components(n: int, a, b) -> np.ndarray:
    from scipy.sparse.csgraph import connected_components

    g = sp.coo_matrix((np.ones(a.size), (a, b)), shape=(n, n))
    return connected_components(g, directed=False)[1]


def _leiden(n: int, a, b, s, resolution: float, seed: int) -> np.ndarray:
    import random

    import igraph as ig

    g = ig.Graph(n=n, edges=np.column_stack([a, b]).tolist())
    ig.set_random_number_generator(random.Random(seed))
    try:
        part = g.community_leiden(objective_function="CPM", weights=s.tolist(),
                                  resolution=resolution, n_iterations=-1)
    finally:
        ig.set_random_number_generator(random)
    return np.asarray(part.membership)


def group(reports: Sequence[Mapping[str, Any]], **params: Any) -> dict[str, str]:
    """Cluster id for every report id (one-offs alone in theirs). See the module doc and
    ``DEFAULTS`` for the parameters. Cluster ids are the smallest member id of each group."""
    p = {**DEFAULTS, **params}
    unknown = set(p) - set(DEFAULTS)
    if unknown:
        raise TypeError(f"unknown parameters: {sorted(unknown)}")
    ordered = sorted(reports, key=lambda r: str(r["id"]))
    ids = [str(r["id"]) for r in ordered]
    if len(set(ids)) != len(ids):
        raise ValueError("report ids must be unique")
    n = len(ids)
    if n == 0:
        return {}
    X = features(ordered, w_word=p["w_word"], w_char=p["w_char"], w_cat=p["w_cat"],
                 other_weight=p["other_weight"], compounds=p["compounds"], glossary=p["glossary"])
    # Average linkage needs the weak edges too (they pull a group's mean down); the
    # other two methods use the graph thresholded at ``threshold``.
    floor = p["edge_threshold"] if p["linkage"] == "average" else p["threshold"]
    a, b, s = knn_edges(X, neighbours=p["neighbours"], threshold=floor,
                        exact_limit=p["exact_limit"], seed=p["seed"])
    if p["linkage"] == "average":
        labels = sparse_average_linkage(n, a, b, s, threshold=p["threshold"],
                                        coverage=p["coverage"], missing_as=p["missing_as"])
    elif p["linkage"] == "components":
        labels = _components(n, a, b)
    elif p["linkage"] == "leiden":
        labels = _leiden(n, a, b, s, p["resolution"], p["seed"])
    else:
        raise ValueError(p["linkage"])
    first: dict[int, str] = {}
    for i, lab in enumerate(labels.tolist()):
        first.setdefault(lab, ids[i])  # ids sorted: the smallest member names the group
    return {ids[i]: first[lab] for i, lab in enumerate(labels.tolist())}


__all__ = ["DEFAULTS", "analyse", "features", "group", "knn_edges", "sparse_average_linkage"]
