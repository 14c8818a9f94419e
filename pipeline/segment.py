"""Segmentation stage: word tokens with part-of-speech tags for every sentence.

Reads: the ingested documents (data/interim/ingest/*.json) and the project's user dictionary
(policy terms, pipeline/resources/policy_terms.tsv) plus the place gazetteer.
Writes: one JSON per report with its tokens as ``[start, end, pos]`` (offsets into the
document's normalized text; whitespace is never a token), and the stage's metrics: the share
of dictionary terms occurring in the corpus that come out as exactly one token.
Params: ``segment.backend`` (jieba | pkuseg), ``segment.hmm``, ``segment.pos``
(posseg | lexicon: how jieba's tags are found, see :class:`JiebaSegmenter`).

spaCy is the document framework: :func:`make_nlp` gives ``spacy.blank("zh")`` whose tokenizer
is the chosen segmenter, so later stages get spaCy ``Doc`` objects built on the same tokens.
jieba is used through a private ``jieba.Tokenizer`` (never the global one), with its cache file
in a folder of the project's, not the system's temp folder.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Protocol

import typer

from pipeline import config
from pipeline.config import SegmentParams
from pipeline.io import dumps_json, fingerprint, read_json, write_json
from pipeline.literals import Literals
from pipeline.types import Document

log = logging.getLogger(__name__)

Token = tuple[int, int, str]  # start, end, POS


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The project's user dictionary: policy terms with their kind, place names and the names
    of well-known firms (科大讯飞 stays one word before 获, where jieba's HMM cut 科大|讯|飞获)."""

    programs: tuple[str, ...]
    concepts: tuple[str, ...]
    places: tuple[str, ...] = ()
    firms: tuple[str, ...] = ()

    @property
    def words(self) -> list[tuple[str, str]]:
        """(word, jieba POS tag) for the segmenter's user dictionary, deterministic order."""
        tagged = {f: "nt" for f in self.firms}
        tagged.update({p: "ns" for p in self.places})
        tagged.update({c: "nz" for c in self.concepts})
        tagged.update({p: "nz" for p in self.programs})
        return sorted(tagged.items())


def default_policy_terms() -> Path:
    return Path(str(resources.files("pipeline.resources").joinpath("policy_terms.tsv")))


def read_policy_terms(path: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(programs, concepts) from a policy-term TSV (columns term, kind; # comments)."""
    programs: list[str] = []
    concepts: list[str] = []
    with open(path, encoding="utf-8") as fh:
        lines = [ln.rstrip("\n") for ln in fh if ln.strip() and not ln.startswith("#")]
    if not lines or lines[0].split("\t")[:2] != ["term", "kind"]:
        raise ValueError(f"{path}: expected a header 'term<TAB>kind'")
    first_row: dict[str, int] = {}
    for n, line in enumerate(lines[1:], start=2):
        parts = line.split("\t")
        if len(parts) < 2 or parts[1] not in ("program", "concept") or not parts[0]:
            raise ValueError(f"{path}: bad row {n}: {line!r}")
        if parts[0] in first_row:
            raise ValueError(
                f"{path}: row {n} lists {parts[0]!r} again (first in row {first_row[parts[0]]})"
            )
        first_row[parts[0]] = n
        (programs if parts[1] == "program" else concepts).append(parts[0])
    return tuple(programs), tuple(concepts)


def load_lexicon(policy_terms: Path, *, with_places: bool = True) -> Lexicon:
    """The user dictionary: policy terms, and with `with_places` the gazetteer's names and the
    well-known firms that are no ordinary word (the ambiguous ones — 长安, 大众 — are left to
    the dictionary and the context)."""
    programs, concepts = read_policy_terms(policy_terms)
    places: tuple[str, ...] = ()
    firms: tuple[str, ...] = ()
    if with_places:
        from pipeline.firms import load_known_firms
        from pipeline.gazetteer import load_places

        places = tuple(sorted({e.name for e in load_places(include_towns=True)}))
        firms = tuple(sorted(n for n, f in load_known_firms().items() if not f.ambiguous))
    return Lexicon(programs=programs, concepts=concepts, places=places, firms=firms)


# ---------------------------------------------------------------- segmenters


_FORCED_MIN_LEN = 4  # shorter terms collide with ordinary words (扩大数据 ≠ 扩/大数据)


class TermMerger:
    """Joins consecutive tokens that together spell a dictionary term.

    Segmenters split some terms whatever their dictionary says: jieba cuts at characters outside
    its word pattern (数据要素×, 千村示范、万村整治) and its DAG sometimes prefers another path;
    pkuseg has no POS. Greedy longest match over token boundaries, so a term is never merged
    across a boundary that is not a token boundary.
    """

    def __init__(self, terms: dict[str, str], max_tokens: int = 8) -> None:
        self.terms = terms
        self.prefixes = {t[:i] for t in terms for i in range(1, len(t) + 1)}
        self.max_tokens = max_tokens
        # Only policy terms are cut out first; place and firm names are too many, and are
        # better left to the segmenter's dictionary (see JiebaSegmenter).
        self.forced = Literals(
            t for t, tag in terms.items() if len(t) >= _FORCED_MIN_LEN and tag not in ("ns", "nt")
        )

    def cut(self, text: str, base: Callable[[str], list[tuple[str, str]]]) -> list[tuple[str, str]]:
        """Segment `text` with `base`, keeping every long dictionary term one token.

        Long terms (≥ 4 characters) are cut out first, leftmost-longest, and the text between
        them goes to `base`; shorter terms are merged afterwards where they fall on token
        boundaries.
        """
        if not self.forced:
            return self(base(text))
        out: list[tuple[str, str]] = []
        pos = 0
        for start, end in self.forced.finditer(text):
            if start > pos:
                out.extend(self(base(text[pos:start])))
            out.append((text[start:end], self.terms[text[start:end]]))
            pos = end
        if pos < len(text):
            out.extend(self(base(text[pos:])))
        return out

    def __call__(self, words: list[tuple[str, str]]) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        i = 0
        while i < len(words):
            best = i
            joined = ""
            for j in range(i, min(i + self.max_tokens, len(words))):
                joined += words[j][0]
                if joined not in self.prefixes:
                    break
                if j > i and joined in self.terms:
                    best = j
            if best > i:
                term = "".join(w for w, _ in words[i : best + 1])
                out.append((term, self.terms[term]))
                i = best + 1
            else:
                out.append(words[i])
                i += 1
        return out


class Segmenter(Protocol):
    name: str

    def cut(self, text: str) -> list[tuple[str, str]]:
        """(word, POS) pairs whose words concatenate to `text`."""
        ...


_NUM_RE = re.compile(r"^[\d.%]+$")
_ENG_RE = re.compile(r"^[A-Za-z]+$")
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")


def _guess_tag(word: str) -> str:
    """A POS for a word outside jieba's dictionary (found by its HMM): a number, a Latin word,
    punctuation, or a noun (new words in this register are names and compound nouns)."""
    if _NUM_RE.match(word):
        return "m"
    if _ENG_RE.match(word):
        return "eng"
    if not _HAN_RE.search(word) and not word.isalnum():
        return "x"
    return "n"


def _split_list_particle(words: list[tuple[str, str]], known: dict) -> list[tuple[str, str]]:
    """Cut 等 off a word jieba's HMM made of unknown characters and the particle that closes a
    list (平山|湖等|煤矿 → 平山|湖|等, 南北|游等 → 南北|游|等): no dictionary word ends so."""
    if not any(len(w) > 1 and w[-1] == "等" and w not in known for w, _ in words):
        return words
    out: list[tuple[str, str]] = []
    for w, tag in words:
        if len(w) > 1 and w[-1] == "等" and w not in known:
            out += [(w[:-1], known.get(w[:-1]) or _guess_tag(w[:-1])), ("等", known.get("等", "u"))]
        else:
            out.append((w, tag))
    return out


_COUNTRIES_WORDS = ("国家", "各国")
_PREPARED_PREFIX = "gwr-prepared-"


def _prepared_path(lexicon: Lexicon, cache_dir: Path) -> Path:
    from importlib.metadata import version

    key = hashlib.sha256(
        repr((lexicon.words, version("jieba"), Path(__file__).read_bytes())).encode("utf-8")
    ).hexdigest()[:24]
    return Path(cache_dir) / f"{_PREPARED_PREFIX}{key}.marshal"


def _load_prepared(lexicon: Lexicon, cache_dir: Path | None) -> tuple | None:
    """(FREQ, total, word_tag_tab) of a tokenizer built for `lexicon`, if cached."""
    import marshal

    if cache_dir is None:
        return None
    path = _prepared_path(lexicon, cache_dir)
    try:
        # loads() of the whole file: load() reads a file in small pieces, four times slower
        freq, total, tags = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return freq, total, tags


def _save_prepared(lexicon: Lexicon, cache_dir: Path, tk, word_tag_tab: dict) -> None:
    import marshal

    from pipeline.io import atomic_write_bytes

    path = _prepared_path(lexicon, cache_dir)
    # marshal version 2 writes no back-references, whose choice follows the objects' reference
    # counts in the writing process: the file's bytes depend on the dictionary alone, as a DVC
    # output's should (version 4 wrote different bytes from a stage that had loaded more).
    atomic_write_bytes(path, marshal.dumps((tk.FREQ, tk.total, word_tag_tab), 2))
    for stale in Path(cache_dir).glob(f"{_PREPARED_PREFIX}*"):
        if stale != path:
            stale.unlink(missing_ok=True)
    # jieba's own cache of its dictionary (jieba.cache, written by marshal in the same way)
    # served only this build: later runs load the file above
    Path(cache_dir, "jieba.cache").unlink(missing_ok=True)


@dataclass(frozen=True, slots=True)
class _TagTable:
    """jieba.posseg's word → tag table without its tokenizer (``pos="lexicon"``)."""

    word_tag_tab: dict[str, str]


class JiebaSegmenter:
    """jieba on a private Tokenizer with the project's user dictionary.

    POS from jieba.posseg: ``pos="posseg"`` runs posseg's own cut (its HMM tags unknown words;
    ~0.12 M chars/s); ``pos="lexicon"`` runs jieba's plain cut and looks the words up in
    posseg's tag table (~0.45 M chars/s; unknown words get a guessed tag).
    """

    name = "jieba"

    def __init__(
        self,
        lexicon: Lexicon,
        *,
        hmm: bool,
        cache_dir: Path | None,
        pos: str = "posseg",
        lazy: bool = False,
    ) -> None:
        self._lexicon = lexicon
        self._cache_dir = cache_dir
        self._tk = self._pos = None
        self._pos_mode = pos
        self._hmm = hmm
        if not lazy:  # lazy: the dictionary (~1 s to load) waits for the first cut
            self._load()
        self._merge = TermMerger(dict(lexicon.words))

    def _load(self) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        cache_dir = self._cache_dir
        self._tk = jieba.Tokenizer()
        if cache_dir is not None:
            Path(cache_dir).mkdir(parents=True, exist_ok=True)
            self._tk.tmp_dir = str(cache_dir)
        prepared = _load_prepared(self._lexicon, cache_dir)
        if prepared is not None:
            # The dictionary with the user words, as built below by an earlier run: loading it
            # skips jieba's dictionary, ~40,000 suggest_freq calls and posseg's tag table.
            self._tk.FREQ, self._tk.total, word_tag_tab = prepared
            self._tk.initialized = True
            if self._pos_mode == "lexicon":
                # the tag table is all this mode needs: importing jieba.posseg would read
                # jieba's dictionary again for a module-level tokenizer (~0.8 s)
                self._pos = _TagTable(word_tag_tab)
            else:
                import jieba.posseg

                self._pos = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
                self._pos.tokenizer = self._tk
                self._pos.word_tag_tab = word_tag_tab
        else:
            import jieba.posseg

            self._tk.initialize()
            for word, tag in self._lexicon.words:
                # Policy terms get a frequency high enough that the DAG keeps them whole in
                # running text; place names only what keeps them whole on their own, so that a
                # short form (兴海, 惠农) does not break the ordinary words around it (振兴海洋,
                # 惠农政策); firms' names likewise (中国银行|业协会 stays 中国|银行业|协会).
                freq = self._tk.suggest_freq(word, tune=False)
                if tag not in ("ns", "nt"):
                    freq = max(freq, 1000)
                self._tk.add_word(word, freq=freq, tag=tag)
            # jieba's dictionary has a region's countries as one word (中亚国家, 东盟国家): cut
            # them, so that the region is a token of its own
            places = set(self._lexicon.places)
            for word in [w for w in self._tk.FREQ if w.endswith(_COUNTRIES_WORDS)]:
                if word[:-2] in places and self._tk.FREQ[word]:
                    self._tk.del_word(word)
            self._pos = jieba.posseg.POSTokenizer(self._tk)
            self._pos.makesure_userdict_loaded()
            if cache_dir is not None:
                _save_prepared(self._lexicon, cache_dir, self._tk, self._pos.word_tag_tab)

    def signature(self) -> str:
        """A key for how this segmenter cuts: its dictionary, modes, jieba and this code (what
        a cache of its output depends on)."""
        from importlib.metadata import version

        return hashlib.sha256(
            repr(
                (self._lexicon.words, self._hmm, self._pos_mode, version("jieba"),
                 Path(__file__).read_bytes())
            ).encode("utf-8")
        ).hexdigest()  # fmt: skip

    def cut(self, text: str) -> list[tuple[str, str]]:
        return self._merge.cut(text, self._raw)

    def _raw(self, text: str) -> list[tuple[str, str]]:
        if self._tk is None:
            self._load()
        tags = self._pos.word_tag_tab
        if self._pos_mode == "lexicon":
            words = [(w, tags.get(w) or _guess_tag(w)) for w in self._tk.cut(text, HMM=self._hmm)]
        else:
            words = [(p.word, p.flag) for p in self._pos.cut(text, HMM=self._hmm)]
        return _split_list_particle(words, tags)


class PkusegSegmenter:
    """pkuseg's bundled ``default`` model with the user dictionary; POS from jieba's lexicon.

    pkuseg is optional (it compiles on install): ``pip install cython`` then
    ``pip install --no-build-isolation pkuseg==0.0.25`` (`make setup` does both). Only its
    ``default`` model ships in the package; the others download and cannot be used here.
    """

    name = "pkuseg"

    def __init__(self, lexicon: Lexicon, *, hmm: bool, cache_dir: Path | None) -> None:
        try:
            import pkuseg
        except ImportError as exc:  # pragma: no cover - depends on the optional install
            raise RuntimeError(
                "segment.backend=pkuseg needs pkuseg: `pip install numpy cython wheel` then "
                "`pip install --no-build-isolation pkuseg==0.0.25` (see README)"
            ) from exc
        self._seg = pkuseg.pkuseg(model_name="default", user_dict=[w for w, _ in lexicon.words])
        self._tags = dict(lexicon.words)
        self._jieba_tags = JiebaSegmenter(lexicon, hmm=hmm, cache_dir=cache_dir)._pos.word_tag_tab
        self._merge = TermMerger(self._tags)

    def cut(self, text: str) -> list[tuple[str, str]]:
        return self._merge.cut(text, self._raw)

    def _raw(self, text: str) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        pos = 0
        for word in self._seg.cut(text):
            # pkuseg drops white space: put it back so the words rebuild the text
            start = text.find(word, pos)
            if start > pos:
                out.append((text[pos:start], "x"))
            out.append((word, self._tag(word)))
            pos = start + len(word)
        if pos < len(text):
            out.append((text[pos:], "x"))
        return out

    def _tag(self, word: str) -> str:
        return self._tags.get(word) or self._jieba_tags.get(word) or _guess_tag(word)


def make_segmenter(
    backend: str,
    lexicon: Lexicon,
    *,
    hmm: bool = True,
    cache_dir: Path | None = None,
    pos: str = "posseg",
    lazy: bool = False,
) -> Segmenter:
    """The segmenter of `backend`; `lazy`: jieba's dictionary is loaded at the first cut only
    (a stage that may find every cut in its cache need not load it)."""
    if pos not in ("posseg", "lexicon"):
        raise ValueError(f"segment.pos {pos!r} is not one of ['posseg', 'lexicon']")
    if backend == "jieba":
        return JiebaSegmenter(lexicon, hmm=hmm, cache_dir=cache_dir, pos=pos, lazy=lazy)
    if backend == "pkuseg":
        return PkusegSegmenter(lexicon, hmm=hmm, cache_dir=cache_dir)
    raise ValueError(f"segment.backend {backend!r} is not one of ['jieba', 'pkuseg']")


# ---------------------------------------------------------------- spaCy


class SegmenterTokenizer:
    """A spaCy tokenizer that delegates to a :class:`Segmenter`; POS go to ``token.tag_``."""

    def __init__(self, vocab, segmenter: Segmenter) -> None:
        self.vocab = vocab
        self.segmenter = segmenter

    def __call__(self, text: str):
        from spacy.tokens import Doc

        tokens = tokenize(text, self.segmenter)
        return doc_from_tokens(self.vocab, text, tokens, Doc)


def doc_from_tokens(vocab, text: str, tokens: Sequence[Token], doc_cls=None, *, tags=True):
    """A spaCy Doc over `text` whose tokens are the given (start, end, pos) spans.

    White space between tokens becomes the ``whitespace_`` of the token before it, or a token of
    its own where spaCy needs one; offsets are relative to `text`. `tags`: set the POS as
    ``token.tag_`` (the entity stage reads them from ``user_data["tokens"]`` and skips this:
    a third of the Doc's construction).
    """
    if doc_cls is None:
        from spacy.tokens import Doc as doc_cls
    words, spaces, pos = doc_words(text, tokens)
    doc = doc_cls(vocab, words=words, spaces=spaces, tags=pos if tags else None)
    # Doc.text is rebuilt from the tokens at every access; rules read it many times
    doc.user_data["text"] = text
    doc.user_data["tokens"] = list(tokens)
    return doc


def doc_words(text: str, tokens: Sequence[Token]) -> tuple[list[str], list[bool], list[str]]:
    """The words, trailing spaces and tags of the Doc `doc_from_tokens` builds (white space
    between tokens becomes the space after the token before it, or a word of its own)."""
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []
    pos = 0
    for start, end, tag in tokens:
        if start > pos:
            gap = text[pos:start]
            if gap == " " and words and not spaces[-1]:
                spaces[-1] = True
            else:
                words.append(gap)
                spaces.append(False)
                tags.append("x")
        words.append(text[start:end])
        spaces.append(False)
        tags.append(tag)
        pos = end
    if pos < len(text):
        words.append(text[pos:])
        spaces.append(False)
        tags.append("x")
    return words, spaces, tags


def make_nlp(segmenter: Segmenter):
    """``spacy.blank("zh")`` with `segmenter` as its tokenizer."""
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.tokenizer = SegmenterTokenizer(nlp.vocab, segmenter)
    return nlp


# ---------------------------------------------------------------- pure core


def tokenize(text: str, segmenter: Segmenter, offset: int = 0) -> list[Token]:
    """Tokens of `text` as (start, end, pos), offsets shifted by `offset`; no white space."""
    out: list[Token] = []
    pos = 0
    for word, tag in segmenter.cut(text):
        end = pos + len(word)
        if word.strip():
            if word != word.strip():  # a token with white space around it: keep the core
                lead = len(word) - len(word.lstrip())
                out.append((offset + pos + lead, offset + pos + lead + len(word.strip()), tag))
            else:
                out.append((offset + pos, offset + end, tag))
        pos = end
    if pos != len(text):
        raise ValueError(f"segmenter {segmenter.name} lost characters of {text[:30]!r}")
    return out


def header_lines(doc: Document) -> list[tuple[int, int]]:
    """(start, end) of the non-empty lines of the report's header (title, date, speaker)."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in doc.text[: doc.body_start].split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped)
            out.append((start, start + len(stripped)))
        pos += len(line) + 1
    return out


def segment_document(doc: Document, segmenter: Segmenter) -> list[Token]:
    """Tokens of the header lines and of every sentence of `doc`, in text order.

    No token crosses a sentence or a header line.
    """
    tokens: list[Token] = []
    for start, end in header_lines(doc):
        tokens.extend(tokenize(doc.text[start:end], segmenter, offset=start))
    for s in doc.sentences:
        tokens.extend(tokenize(s.text, segmenter, offset=s.start))
    return tokens


def doc_term_coverage(doc: Document, tokens: Sequence[Token], term_set: set[str]) -> dict:
    """One report's part of :func:`term_coverage`: terms seen, occurrences, one-token ones and
    split ones by term (parts of several reports add up with :func:`merge_coverage`).

    A term inside a longer token stays whole (城市群 in the name 滇中城市群): it counts as one
    token; it is split when a token boundary falls inside it and one of its ends is a token's
    (惠民|生 splits 民生; in 人民|生活 the characters of 民生 are no occurrence of it).
    """
    max_len = max(map(len, term_set), default=0)
    occurrences = one_token = 0
    seen_terms: set[str] = set()
    split_terms: dict[str, int] = {}
    bounds = {b for s, e, _ in tokens for b in (s, e)}
    for sent in doc.sentences:
        text = sent.text
        i = 0
        while i < len(text):
            n = next(
                (n for n in range(min(max_len, len(text) - i), 1, -1)
                 if text[i : i + n] in term_set),
                0,
            )  # fmt: skip
            if not n:
                i += 1
                continue
            term = text[i : i + n]
            a = sent.start + i
            cut = any(b in bounds for b in range(a + 1, a + n))
            if cut and a not in bounds and a + n not in bounds:
                i += 1  # 人民|生活: two other words overlap the characters of 民生, no occurrence
                continue
            seen_terms.add(term)
            occurrences += 1
            if not cut:
                one_token += 1
            else:
                split_terms[term] = split_terms.get(term, 0) + 1
            i += n
    return {"terms": sorted(seen_terms), "occurrences": occurrences, "one_token": one_token,
            "split": dict(sorted(split_terms.items()))}  # fmt: skip


def merge_coverage(parts: Iterable[dict]) -> dict:
    """The corpus's term coverage from the reports' parts (:func:`doc_term_coverage`)."""
    occurrences = one_token = 0
    seen_terms: set[str] = set()
    split_terms: dict[str, int] = {}
    for part in parts:
        seen_terms.update(part["terms"])
        occurrences += part["occurrences"]
        one_token += part["one_token"]
        for term, n in part["split"].items():
            split_terms[term] = split_terms.get(term, 0) + n
    worst = sorted(split_terms.items(), key=lambda kv: (-kv[1], kv[0]))[:20]
    return {
        "terms_in_corpus": len(seen_terms),
        "occurrences": occurrences,
        "one_token": one_token,
        "share": round(one_token / occurrences, 4) if occurrences else 1.0,
        "split_examples": [f"{t} ({n})" for t, n in worst],
    }


def coverage_terms(terms: Iterable[str]) -> set[str]:
    return {t for t in terms if len(t) >= 2}


def term_coverage(
    docs: Iterable[Document], tokens_by_doc: dict[str, list[Token]], terms: Iterable[str]
) -> dict:
    """How often dictionary terms that occur in the sentences are exactly one token.

    Occurrences are found leftmost-longest without overlap, as a reader would: in 外贸进出口总额
    with both 外贸进出口 and 进出口总额 in the dictionary, only the first is an occurrence.
    """
    term_set = coverage_terms(terms)
    if not term_set:
        return {"terms_in_corpus": 0, "occurrences": 0, "one_token": 0, "share": 1.0}
    return merge_coverage(
        doc_term_coverage(doc, tokens_by_doc[doc.doc_id], term_set) for doc in docs
    )


# ---------------------------------------------------------------- shell


def _fingerprint(params: SegmentParams, policy_terms: Path) -> str:
    """What tokens depend on besides the report: this code, the dictionaries, params, jieba."""
    from pipeline import gazetteer
    from pipeline.firms import default_known_firms

    here = Path(__file__).parent
    # the files the stage's dvc.yaml entry depends on, no more: an entity stoplist or a tone
    # lexicon does not change tokens, and a key that moved with them would make the cache
    # folder (an output in dvc.lock) differ from a fresh build's
    paths = [here / "segment.py", here / "gazetteer.py", here / "firms.py", policy_terms,
             *gazetteer.RESOURCE_FILES, default_known_firms()]  # fmt: skip
    return fingerprint(paths, params=params, packages=("jieba", "jionlp", "spacy"))


_WORKER: dict = {}


def _init_worker(params: SegmentParams, policy_terms: Path, cache_dir: Path | None) -> None:
    from pipeline import gazetteer

    gazetteer.use_cache(cache_dir)
    lexicon = load_lexicon(policy_terms)
    _WORKER["segmenter"] = make_segmenter(
        params.backend, lexicon, hmm=params.hmm, cache_dir=cache_dir, pos=params.pos
    )
    _WORKER["terms"] = coverage_terms([*lexicon.programs, *lexicon.concepts])
    _WORKER["backend"] = params.backend


def _segment_one(doc: Document) -> tuple[bytes, dict]:
    """A report's token file (bytes) and its part of the term coverage."""
    tokens = segment_document(doc, _WORKER["segmenter"])
    payload = {"doc_id": doc.doc_id, "backend": _WORKER["backend"], "tokens": tokens}
    chars = sum(len(s.text) for s in doc.sentences)
    part = {"tokens": len(tokens), "chars": chars,
            **doc_term_coverage(doc, tokens, _WORKER["terms"])}  # fmt: skip
    return dumps_json(payload).encode("utf-8"), part


def run(
    docs_dir: Path, out_dir: Path, metrics_path: Path, params: SegmentParams,
    policy_terms: Path, cache_dir: Path | None, result_cache: Path | None = None,
    *, jobs: int = 1,
) -> dict:  # fmt: skip
    """Segment every report; a report whose document, dictionaries, params and code are those
    of an earlier run is read from `result_cache` (its token file and term-coverage part), the
    others are segmented in `jobs` worker processes (when there are enough of them)."""
    from pipeline.docstore import document_from_dict
    from pipeline.io import atomic_write_bytes
    from pipeline.parallel import map_reports

    # Keys from the document files' bytes: a cached report is never parsed.
    files = sorted(Path(docs_dir).glob("*.json"))
    doc_ids = [f.stem for f in files]
    base = _fingerprint(params, policy_terms)
    out_dir.mkdir(parents=True, exist_ok=True)
    keys = {
        f.stem: hashlib.sha256(base.encode("utf-8") + f.read_bytes()).hexdigest() for f in files
    }
    results: dict[str, tuple[bytes, dict]] = {}
    if result_cache is not None:
        for doc_id in doc_ids:
            hit = result_cache / f"{keys[doc_id]}.json"
            part = result_cache / f"{keys[doc_id]}.cov.json"
            if hit.exists() and part.exists():
                results[doc_id] = (hit.read_bytes(), read_json(part))
    todo = [document_from_dict(read_json(f)) for f in files if f.stem not in results]
    done = map_reports(
        _segment_one, todo, jobs=jobs if len(todo) >= 8 else 1, initializer=_init_worker,
        initargs=(params, policy_terms, cache_dir), desc="segment",
    )  # fmt: skip
    for doc, result in zip(todo, done, strict=True):
        results[doc.doc_id] = result
        if result_cache is not None:
            atomic_write_bytes(result_cache / f"{keys[doc.doc_id]}.json", result[0])
            write_json(result_cache / f"{keys[doc.doc_id]}.cov.json", result[1])
    for doc_id in doc_ids:
        data = results[doc_id][0]
        target = out_dir / f"{doc_id}.json"
        if not target.exists() or target.read_bytes() != data:
            atomic_write_bytes(target, data)
    keep = {f"{d}.json" for d in doc_ids}
    for stale in out_dir.glob("*.json"):
        if stale.name not in keep:
            stale.unlink()
    if result_cache is not None:
        used = {f"{k}{ext}" for k in keys.values() for ext in (".json", ".cov.json")}
        for stale in result_cache.glob("*.json"):
            if stale.name not in used:
                stale.unlink()
    parts = [results[d][1] for d in doc_ids]
    metrics = {
        "backend": params.backend,
        "documents": len(doc_ids),
        "tokens": sum(p["tokens"] for p in parts),
        "chars": sum(p["chars"] for p in parts),
        "dictionary_terms": merge_coverage(parts)
        if coverage_terms(itertools.chain(*read_policy_terms(policy_terms)))
        else {"terms_in_corpus": 0, "occurrences": 0, "one_token": 0, "share": 1.0},
    }
    write_json(metrics_path, metrics)
    return metrics


def load_tokens(seg_dir: Path, doc_id: str) -> list[Token]:
    return [tuple(t) for t in read_json(Path(seg_dir) / f"{doc_id}.json")["tokens"]]


def main(
    params: Path = typer.Option(Path("params.yaml"), help="params.yaml"),
    docs_dir: Path = typer.Option(..., help="Ingested documents (JSON)."),
    policy_terms: Path = typer.Option(..., help="Policy-term dictionary (TSV)."),
    cache_dir: Path = typer.Option(..., help="Folder for jieba's dictionary cache."),
    result_cache: Path = typer.Option(None, help="Per-report token cache (incremental runs)."),
    out_dir: Path = typer.Option(..., help="Folder for the token files."),
    metrics_path: Path = typer.Option(..., "--metrics", help="Stage metrics JSON."),
) -> None:
    """Run the segmentation stage."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        p = config.load_params(params, "segment")
        m = run(docs_dir, out_dir, metrics_path, p, policy_terms, cache_dir, result_cache,
                jobs=config.load_params(params, "base").jobs)  # fmt: skip
    except (config.ConfigError, ValueError, RuntimeError) as exc:
        typer.echo(f"segment: error: {exc}", err=True)
        raise typer.Exit(1) from exc
    log.info("segmented %d reports; dictionary terms one token: %s", m["documents"],
             m["dictionary_terms"]["share"])  # fmt: skip


if __name__ == "__main__":
    from pipeline import run_script

    run_script("pipeline.segment")
