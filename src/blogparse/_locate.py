"""Answer theme locators from one index of the page instead of whole-tree XPath scans.

Rules: a page is walked once, on its first locator query, into an index (class token,
``id`` and tag to elements, each element's document position).  A locator written in the
small XPath subset themes use — unions of ``//`` and ``.//`` paths whose steps test a tag
and boolean predicates over attributes (``cls()`` tokens, ``@a='v'``, ``contains``,
``starts-with``, ``normalize-space``, ``re:test``, ``self::``, ``not``, ``ancestor::``
and ``.//`` existence) — is compiled once into a plan that reads its candidates from the
index and tests only those.  Anything else (positions, other axes and functions, a node
outside the indexed tree) is answered by lxml's own XPath, so every locator keeps exactly
its XPath meaning: same elements, same document order.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Callable

import lxml.etree as etree

Element = etree._Element

# XPath's whitespace (normalize-space, token tests) is only these four characters; Python's
# str.split() knows more, so the fast split is used only when none of the others is there.
_XML_WS_RE = re.compile(r"[ \t\r\n]+")
_NON_XML_WS_RE = re.compile(r"[^\S \t\r\n]")


def xml_tokens(value: str) -> list[str]:
    """``value`` split at XML whitespace (what ``normalize-space`` separates)."""
    # A printable value has no whitespace but the space; the check is cheaper than a search.
    if value.isprintable() or _NON_XML_WS_RE.search(value) is None:
        return value.split()
    return [t for t in _XML_WS_RE.split(value) if t]


def _normalize(value: str) -> str:
    return " ".join(xml_tokens(value))


class TreeIndex:
    """Class token, ``id`` and tag → document positions of elements, for one tree.

    Elements are numbered in document order; every look-up list holds positions, so a
    query below one node reads only the slice of a list inside that node's range.
    """

    __slots__ = ("_ends", "_memo", "_sets", "_tags", "_tops", "by_class", "by_id", "elements",
                 "pos")

    def __init__(self, root: Element) -> None:
        # The whole document: "//" reaches every element, also beside a broken page's root.
        top = root.getroottree().getroot()
        self._tops = [*reversed(list(top.itersiblings(etree.Element, preceding=True))), top,
                      *top.itersiblings(etree.Element)]
        elements = [el for t in self._tops for el in t.iter(etree.Element)]
        by_class: dict[str, list[int]] = {}
        by_id: dict[str, list[int]] = {}
        class_list = by_class.get
        id_list = by_id.get
        for i, el in enumerate(elements):
            value = el.get("class")
            if value:
                # A printable value has no whitespace but the space (see xml_tokens).
                for tok in value.split() if value.isprintable() else xml_tokens(value):
                    found = class_list(tok)
                    if found is None:
                        by_class[tok] = [i]
                    elif found[-1] != i:  # class="a a"
                        found.append(i)
            value = el.get("id")
            if value is not None:
                found = id_list(value)
                if found is None:
                    by_id[value] = [i]
                else:
                    found.append(i)
        self.elements = elements
        self.pos: dict[Element, int] = dict(zip(elements, range(len(elements)), strict=True))
        self.by_class = by_class
        self.by_id = by_id
        self._tags: dict[str, list[int]] = {}
        self._ends: dict[Element, int] = {}
        self._memo: dict[object, list[int] | None] = {}
        self._sets: dict[object, frozenset[int]] = {}

    def by_tag(self, tag: str) -> list[int]:
        """The positions of the elements named ``tag``, in document order."""
        found = self._tags.get(tag)
        if found is None:
            pos = self.pos
            found = self._tags[tag] = [pos[el] for t in self._tops for el in t.iter(tag)]
        return found

    def candidates(self, pred: _Pred) -> list[int] | None:
        """Sorted positions holding every match of ``pred`` (``None``: any element may)."""
        if pred in self._memo:
            return self._memo[pred]
        found = pred.cands(self)
        if found is not None and not pred.sorted_cands:
            found = sorted(set(found))
        self._memo[pred] = found
        return found

    def candidate_set(self, pred: _Pred) -> frozenset[int]:
        """:meth:`candidates` of an exact predicate, as a set."""
        key = (pred, "set")
        found = self._sets.get(key)
        if found is None:
            found = self._sets[key] = frozenset(self.candidates(pred) or ())
        return found

    def end(self, el: Element) -> int:
        """The position just past ``el``'s last descendant."""
        found = self._ends.get(el)
        if found is not None:
            return found
        node: Element | None = el
        out = len(self.elements)
        while node is not None:
            sib = node.getnext()
            while sib is not None and not isinstance(sib.tag, str):
                sib = sib.getnext()
            if sib is not None:
                out = self.pos[sib]
                break
            node = node.getparent()
        self._ends[el] = out
        return out

    def in_order(self, elements: list[Element]) -> list[Element]:
        """``elements`` without repeats, in document order."""
        if len(elements) < 2:
            return elements
        return sorted(set(elements), key=self.pos.__getitem__)


# --- predicates ------------------------------------------------------------------------
# Each predicate tests one element and may name a superset of its matches from the index
# (``None``: no cheaper set than every element).

Candidates = list[int] | None


class _Pred:
    sorted_cands = False
    """Whether :meth:`cands` gives sorted positions without repeats."""
    exact = False
    """Whether :meth:`cands` gives exactly the matches (no test needed on them)."""

    def test(self, el: Element, ix: TreeIndex) -> bool:
        raise NotImplementedError

    def cands(self, ix: TreeIndex) -> Candidates:
        return None


class _Or(_Pred):
    def __init__(self, items: list[_Pred]) -> None:
        self.items = items
        self.exact = all(p.exact for p in items)

    def test(self, el: Element, ix: TreeIndex) -> bool:
        for p in self.items:  # noqa: SIM110 - a generator per element costs more
            if p.test(el, ix):
                return True
        return False

    def cands(self, ix: TreeIndex) -> Candidates:
        out: list[int] = []
        for p in self.items:
            c = ix.candidates(p)
            if c is None:
                return None
            out.extend(c)
        return out


_FEW = 64
"""Candidates few enough that testing them beats building a larger look-up list."""


def _tags_only(pred: _Pred) -> bool:
    """Whether ``pred`` names its candidates by tag alone (whole-tree lists, often long)."""
    if isinstance(pred, _Or):
        return all(_tags_only(p) for p in pred.items)
    return isinstance(pred, _SelfTag)


class _And(_Pred):
    sorted_cands = True

    def __init__(self, items: list[_Pred]) -> None:
        self.items = items
        # Tag lists are built last, and only when the other parts name no small set.
        self._order = sorted(items, key=_tags_only)

    def test(self, el: Element, ix: TreeIndex) -> bool:
        for p in self.items:  # noqa: SIM110 - as in _Or.test
            if not p.test(el, ix):
                return False
        return True

    def cands(self, ix: TreeIndex) -> Candidates:
        best: Candidates = None
        for p in self._order:
            if best is not None and len(best) <= _FEW and _tags_only(p):
                break
            c = ix.candidates(p)
            if c is not None and (best is None or len(c) < len(best)):
                best = c
        return best


class _Not(_Pred):
    def __init__(self, item: _Pred) -> None:
        self.item = item

    def test(self, el: Element, ix: TreeIndex) -> bool:
        return not self.item.test(el, ix)


class _Token(_Pred):
    """``contains(concat(' ', normalize-space(@class), ' '), ' NAME ')`` (and ``cls()``)."""

    sorted_cands = True
    exact = True

    def __init__(self, name: str) -> None:
        self.name = name

    def test(self, el: Element, ix: TreeIndex) -> bool:
        value = el.get("class")
        # the substring test rejects most elements before any split
        return value is not None and self.name in value and self.name in xml_tokens(value)

    def cands(self, ix: TreeIndex) -> Candidates:
        return ix.by_class.get(self.name, [])


class _Tokens(_Pred):
    """Any of several class tokens: what ``cls(a, b, …)`` asks for."""

    sorted_cands = False
    exact = True

    def __init__(self, names: list[str]) -> None:
        self.names = frozenset(names)

    def test(self, el: Element, ix: TreeIndex) -> bool:
        value = el.get("class")
        return value is not None and not self.names.isdisjoint(xml_tokens(value))

    def cands(self, ix: TreeIndex) -> Candidates:
        by_class = ix.by_class
        out: list[int] = []
        for name in self.names:
            out.extend(by_class.get(name, ()))
        return out


class _Contains(_Pred):
    """``contains(@attr, 'lit')``."""

    def __init__(self, attr: str, lit: str) -> None:
        self.attr, self.lit = attr, lit

    def test(self, el: Element, ix: TreeIndex) -> bool:
        return self.lit in (el.get(self.attr) or "")

    def cands(self, ix: TreeIndex) -> Candidates:
        if not self.lit or _XML_WS_RE.search(self.lit) or _NON_XML_WS_RE.search(self.lit):
            return None
        if self.attr == "class":
            # A literal without whitespace lies inside one class token.
            return [i for tok, found in ix.by_class.items() if self.lit in tok for i in found]
        if self.attr == "id":
            return [i for v, found in ix.by_id.items() if self.lit in v for i in found]
        return None


class _Padded(_Pred):
    """``contains(concat(' ', @attr, ' '), LIT)``, optionally over ``normalize-space(@attr)``."""

    def __init__(self, attr: str, lit: str, normalize: bool) -> None:
        self.attr, self.lit, self.normalize = attr, lit, normalize
        core = lit.strip(" ")
        # A core without whitespace that the value lacks cannot be in the padded value,
        # normalized or not: the substring test rejects most elements cheaply.
        self.core = core if core and not _XML_WS_RE.search(core) else ""

    def test(self, el: Element, ix: TreeIndex) -> bool:
        value = el.get(self.attr) or ""
        if self.core not in value:
            return False
        if self.normalize:
            value = _normalize(value)
        return self.lit in f" {value} "


class _StartsWith(_Pred):
    def __init__(self, attr: str, lit: str) -> None:
        self.attr, self.lit = attr, lit

    def test(self, el: Element, ix: TreeIndex) -> bool:
        return (el.get(self.attr) or "").startswith(self.lit)

    def cands(self, ix: TreeIndex) -> Candidates:
        if self.attr == "id" and self.lit:
            return [i for v, found in ix.by_id.items() if v.startswith(self.lit) for i in found]
        return None


class _ReTest(_Pred):
    """EXSLT ``re:test(@attr, 'pattern')`` (lxml runs it as Python's ``re.search``)."""

    def __init__(self, attr: str, pattern: str) -> None:
        self.attr, self.rx = attr, re.compile(pattern)

    def test(self, el: Element, ix: TreeIndex) -> bool:
        return self.rx.search(el.get(self.attr) or "") is not None

    def cands(self, ix: TreeIndex) -> Candidates:
        if self.attr != "id" or self.rx.search("") is not None:
            return None
        return [i for v, found in ix.by_id.items() if self.rx.search(v) for i in found]


class _AttrEq(_Pred):
    def __init__(self, attr: str, value: str, normalize: bool = False) -> None:
        self.attr, self.value, self.normalize = attr, value, normalize
        self.exact = attr == "id" and not normalize

    def test(self, el: Element, ix: TreeIndex) -> bool:
        value = el.get(self.attr)
        if value is None:
            return False
        return (_normalize(value) if self.normalize else value) == self.value

    def cands(self, ix: TreeIndex) -> Candidates:
        if self.attr == "id" and not self.normalize:
            return ix.by_id.get(self.value, [])
        return None


class _HasAttr(_Pred):
    def __init__(self, attr: str) -> None:
        self.attr = attr

    def test(self, el: Element, ix: TreeIndex) -> bool:
        return el.get(self.attr) is not None


class _SelfTag(_Pred):
    sorted_cands = True
    exact = True

    def __init__(self, tag: str) -> None:
        self.tag = tag

    def test(self, el: Element, ix: TreeIndex) -> bool:
        return el.tag == self.tag

    def cands(self, ix: TreeIndex) -> Candidates:
        return ix.by_tag(self.tag)


class _Ancestor(_Pred):
    """``ancestor::TAG[preds]`` as a boolean: some ancestor matches."""

    def __init__(self, tag: str | None, preds: list[_Pred]) -> None:
        self.tag, self.preds = tag, preds

    def test(self, el: Element, ix: TreeIndex) -> bool:
        if len(self.preds) == 1 and self.preds[0].exact:
            # The index names every match: an ancestor is one if its position is listed.
            listed = ix.candidate_set(self.preds[0])
            pos = ix.pos
            return any((self.tag is None or a.tag == self.tag) and pos.get(a) in listed
                       for a in el.iterancestors())
        for a in el.iterancestors():
            if (self.tag is None or a.tag == self.tag) and all(
                    p.test(a, ix) for p in self.preds):
                return True
        return False


class _Exists(_Pred):
    """A relative path (``.//h1``) as a boolean: it finds something."""

    def __init__(self, path: _Path) -> None:
        self.path = path

    def test(self, el: Element, ix: TreeIndex) -> bool:
        return bool(self.path.run(ix, el))


# --- paths -----------------------------------------------------------------------------


class _Step:
    __slots__ = ("child", "first", "pred", "tag")

    def __init__(self, child: bool, tag: str | None, preds: list[_Pred],
                 first: bool = False) -> None:
        self.child = child
        self.tag = tag
        self.pred: _Pred | None = (preds[0] if len(preds) == 1 else _And(preds)) \
            if preds else None
        self.first = first
        """A trailing ``[1]``: only the first match among its parent's children."""

    def run(self, ix: TreeIndex, ranges: list[tuple[int, int]],
            contexts: list[Element]) -> list[Element]:
        found = self._run(ix, ranges, contexts)
        if not self.first:
            return found
        # ``A//B[1]`` is ``A/descendant-or-self::node()/child::B[1]``: the position counts
        # along each parent's children, so a match stays if no earlier sibling matches.
        return [el for el in found if not any(
            self.matches(s, ix) for s in el.itersiblings(etree.Element, preceding=True))]

    def matches(self, el: Element, ix: TreeIndex) -> bool:
        return (self.tag is None or el.tag == self.tag) and (
            self.pred is None or self.pred.test(el, ix))

    def _run(self, ix: TreeIndex, ranges: list[tuple[int, int]],
             contexts: list[Element]) -> list[Element]:
        if self.child:
            out = [ch for ctx in contexts for ch in ctx.iterchildren(etree.Element)
                   if self.matches(ch, ix)]
            return ix.in_order(out) if len(contexts) > 1 else out
        cands = ix.candidates(self.pred) if self.pred is not None else None
        tested = self.pred is not None and cands is not None and self.pred.exact
        if self.tag is not None and (cands is None or len(cands) > _FEW):
            tagged = ix.by_tag(self.tag)
            if cands is None or len(tagged) <= len(cands):
                cands, tested = tagged, False
        elements = ix.elements
        if cands is None:
            found = [el for lo, hi in ranges for el in elements[lo:hi]]
        elif len(ranges) == 1 and ranges[0] == (0, len(elements)):
            found = [elements[i] for i in cands]
        else:
            found = [elements[i] for lo, hi in ranges
                     for i in cands[bisect_left(cands, lo):bisect_left(cands, hi)]]
        tag, pred = self.tag, self.pred
        if pred is None or tested:
            return [el for el in found if tag is None or el.tag == tag]
        return [el for el in found if (tag is None or el.tag == tag) and pred.test(el, ix)]


class _Path:
    def __init__(self, absolute: bool, steps: list[_Step]) -> None:
        self.absolute, self.steps = absolute, steps

    def run(self, ix: TreeIndex, context: Element) -> list[Element]:
        if self.absolute:
            ranges = [(0, len(ix.elements))]
            nodes: list[Element] = []
        else:
            start = ix.pos[context]
            ranges = [(start + 1, ix.end(context))]
            nodes = [context]
        for i, step in enumerate(self.steps):
            if i:
                if not nodes:
                    return []
                ranges = _merged(ix, nodes)
            if step.child and i == 0:
                return []  # never produced by the parser
            nodes = step.run(ix, ranges, nodes)
        return nodes


def _merged(ix: TreeIndex, nodes: list[Element]) -> list[tuple[int, int]]:
    """The descendant ranges of ``nodes`` (in document order), nested ones folded in."""
    out: list[tuple[int, int]] = []
    for el in nodes:
        lo, hi = ix.pos[el] + 1, ix.end(el)
        if out and lo <= out[-1][1]:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


class Plan:
    """A compiled locator: the union of its paths, answered from a :class:`TreeIndex`."""

    def __init__(self, paths: list[_Path]) -> None:
        self.paths = paths

    def run(self, ix: TreeIndex, context: Element) -> list[Element]:
        """The elements the locator selects from ``context``, in document order."""
        if len(self.paths) == 1:
            return self.paths[0].run(ix, context)
        out: list[Element] = []
        for path in self.paths:
            out.extend(path.run(ix, context))
        return ix.in_order(out)


# --- the parser ------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"""\s*(?:
    (?P<str>'[^']*'|"[^"]*")
  | (?P<num>\d+(?:\.\d+)?)
  | (?P<op>\.//|//|/|\||\[|\]|\(|\)|,|!=|=|@|::|\*|\.)
  | (?P<name>[A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?)
)""", re.VERBOSE)


class _Unsupported(Exception):
    pass


class _Parser:
    def __init__(self, expr: str) -> None:
        self.tokens: list[tuple[str, str]] = []
        at = 0
        expr = expr.rstrip()
        while at < len(expr):
            m = _TOKEN_RE.match(expr, at)
            if m is None or m.end() == at:
                raise _Unsupported(expr)
            kind = m.lastgroup or ""
            self.tokens.append((kind, m.group(kind)))
            at = m.end()
        self.i = 0

    def peek(self, offset: int = 0) -> str:
        j = self.i + offset
        return self.tokens[j][1] if j < len(self.tokens) else ""

    def kind(self) -> str:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else ""

    def take(self, value: str | None = None) -> str:
        if self.i >= len(self.tokens):
            raise _Unsupported("end")
        tok = self.tokens[self.i][1]
        if value is not None and tok != value:
            raise _Unsupported(tok)
        self.i += 1
        return tok

    def string(self) -> str:
        if self.kind() != "str":
            raise _Unsupported(self.peek())
        return self.take()[1:-1]

    def name(self) -> str:
        if self.kind() != "name":
            raise _Unsupported(self.peek())
        return self.take()

    def attr(self) -> str:
        self.take("@")
        return self.name()

    # union := path ('|' path)*
    def union(self) -> list[_Path]:
        paths = [self.path()]
        while self.peek() == "|":
            self.take()
            paths.append(self.path())
        if self.i != len(self.tokens):
            raise _Unsupported(self.peek())
        return paths

    def path(self) -> _Path:
        first = self.take()
        if first not in ("//", ".//"):
            raise _Unsupported(first)
        steps = [self.step(child=False)]
        while self.peek() in ("//", "/"):
            steps.append(self.step(child=self.take() == "/"))
        return _Path(first == "//", steps)

    def step(self, *, child: bool) -> _Step:
        tag = self.nodetest()
        preds = self.predicates()
        first = False
        if self.peek() == "[" and self.peek(1) == "1" and self.peek(2) == "]":
            self.i += 3
            first = True
            if self.peek() == "[":
                raise _Unsupported("a predicate after a position")
        return _Step(child, tag, preds, first)

    def nodetest(self) -> str | None:
        if self.peek() == "*":
            self.take()
            return None
        if self.peek(1) in ("(", "::"):
            raise _Unsupported(self.peek())
        return self.name()

    def predicates(self) -> list[_Pred]:
        preds = []
        while self.peek() == "[" and not (self.peek(1) == "1" and self.peek(2) == "]"):
            self.take()
            preds.append(self.or_expr())
            self.take("]")
        return preds

    def or_expr(self) -> _Pred:
        items = [self.and_expr()]
        while self.peek() == "or":
            self.take()
            items.append(self.and_expr())
        return items[0] if len(items) == 1 else _Or(items)

    def and_expr(self) -> _Pred:
        items = [self.primary()]
        while self.peek() == "and":
            self.take()
            items.append(self.primary())
        return items[0] if len(items) == 1 else _cls_tokens(_And(items))

    def primary(self) -> _Pred:
        tok, kind = self.peek(), self.kind()
        if tok == "(":
            self.take()
            inner = self.or_expr()
            self.take(")")
            return inner
        if tok == "@":
            attr = self.attr()
            if self.peek() == "=":
                self.take()
                return _AttrEq(attr, self.string())
            return _HasAttr(attr)
        if tok == ".//":
            return _Exists(self.path())
        if kind != "name":
            raise _Unsupported(tok)
        if self.peek(1) == "::":
            axis = self.take()
            self.take("::")
            if axis == "self":
                return _SelfTag(self.name())
            if axis == "ancestor":
                return _Ancestor(self.nodetest(), self.predicates())
            raise _Unsupported(axis)
        func = self.take()
        self.take("(")
        if func == "not":
            out: _Pred = _Not(self.or_expr())
        elif func == "contains":
            if self.peek() == "@":
                attr = self.attr()
                self.take(",")
                out = _Contains(attr, self.string())
            else:
                self.take("concat")
                self.take("(")
                if self.string() != " ":
                    raise _Unsupported("concat")
                self.take(",")
                normalize = self.peek() == "normalize-space"
                if normalize:
                    self.take()
                    self.take("(")
                attr = self.attr()
                if normalize:
                    self.take(")")
                self.take(",")
                if self.string() != " ":
                    raise _Unsupported("concat")
                self.take(")")
                self.take(",")
                out = _Padded(attr, self.string(), normalize)
        elif func == "starts-with":
            attr = self.attr()
            self.take(",")
            out = _StartsWith(attr, self.string())
        elif func == "re:test":
            attr = self.attr()
            self.take(",")
            pattern = self.string()
            try:
                out = _ReTest(attr, pattern)
            except re.error:
                raise _Unsupported(pattern) from None
        elif func == "normalize-space":
            attr = self.attr()
            self.take(")")
            self.take("=")
            return _AttrEq(attr, self.string(), normalize=True)
        else:
            raise _Unsupported(func)
        self.take(")")
        if self.peek() in ("=", "!="):
            raise _Unsupported("comparison")
        return out


def _cls_tokens(node: _And) -> _Pred:
    """``cls(a, b)`` — a substring pre-test and'ed with exact token tests — as token tests.

    ``(contains(@class,'a') or …) and (contains(concat(' ', normalize-space(@class), ' '),
    ' a ') or …)``: the second part alone decides (a token holds its own name), so it is
    kept, as token look-ups.
    """
    if len(node.items) != 2:
        return node
    quick, exact = node.items
    quick_items = quick.items if isinstance(quick, _Or) else [quick]
    exact_items = exact.items if isinstance(exact, _Or) else [exact]
    names = []
    for q, e in zip(quick_items, exact_items, strict=False):
        if not (isinstance(q, _Contains) and isinstance(e, _Padded) and q.attr == "class"
                and e.attr == "class" and e.normalize and e.lit == f" {q.lit} "
                and q.lit and xml_tokens(q.lit) == [q.lit]):
            return node
        names.append(q.lit)
    if len(quick_items) != len(exact_items):
        return node
    return _Token(names[0]) if len(names) == 1 else _Tokens(names)


@functools.cache
def compile_locator(expr: str) -> Plan | None:
    """The plan for ``expr``, or ``None`` when it is outside the subset (lxml answers it)."""
    try:
        return Plan(_Parser(expr).union())
    except (_Unsupported, IndexError):
        return None


def run_locator(expr: str, ix: TreeIndex, context: Element,
                fallback: Callable[[str, Element], list[Element]]) -> list[Element]:
    """The elements ``expr`` selects from ``context`` (a node of the indexed tree).

    ``fallback`` answers expressions outside the subset (lxml's XPath).
    """
    plan = compile_locator(expr)
    if plan is None:
        return fallback(expr, context)
    return plan.run(ix, context)
