"""Which table quantity a number in the prose quotes (R6), read from the words around it.

General rules, not a list of sentences (docs/narrative.md):

- A paragraph is cut into sentences (。！？；) and each sentence into *windows*: the text between a
  number and the previous quoted number or clause mark (，：（ …). The phrase of ``core.quantities``
  that names a quantity is looked for in the window before the number; phrases that name a
  quantity after it (「另有3件结转下年度」) in the text after it, up to the next clause mark.
- Result rows, 表四, 表二 and money phrases outrank the flow words (收到, 办结, 答复 …), which
  outrank weak words (办理): 「予以公开答复966件」 is 予以公开, not 答复.
- 「办理」 means 新收＋上年结转 in some reports and （七）总计 in others: the claim carries both
  readings and only a number matching neither is reported.
- Application counts (表三) are read only in a sentence that speaks of 申请 (or right after one
  that did); a number followed by its own noun (「收到248条网民留言」) counts that noun, not a table
  quantity. 表二（一） needs a document kind (规章, 规范性文件) said in the sentence and a verb
  (制发, 废止, 现行有效 …) in the window, inheriting the verb across 「、」 enumerations.
- 「未收到…申请」, 「未发生…行政复议、行政诉讼…情况」, 「未收取信息处理费」 state 0.
- 「占P%」 is a share of （七）总计, of the quantity named before it.
- 「X件，其中A件、B件…」: parts adding up to more than X are reported.
- Approximate numbers (7万余次, 约300件) are never compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from core.prose.numbers import COUNT_UNITS, MONEY_UNITS, Number, find_numbers
from core.quantities import DOC_KINDS, QUANTITIES, QUANTITY, SHAREABLE, share_key

_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
_CLAUSE_MARKS = "，,：:（(）)【】“”"
_AMBIGUOUS = ("t3.new_plus_carried", "t3.total")
_WEAK_AMBIGUOUS = ("共办理", "办理", "收办", "受理并办理")
# Tiers: which phrase wins when several name different quantities in one window.
_TIER = {"t3": 2, "t3col": 3, "t4": 3, "t2dec": 3, "money": 3}
_RESULT_KEYS = {"t3.public", "t3.partial", "t3.public_partial", "t3.deny", "t3.unable", "t3.reject", "t3.other"}
_T3_CONTEXT = ("申请",)
_T3_FLOW = re.compile(r"(?:受理|收到|接收|办结|答复)(?:政府)?信息公开")
# 「收到并办理…24件」 says both: the number is 新收 and （七） (or 新收＋结转).
_BOTH = re.compile(r"(?:收到|受理|接收)(?:并|和|及)(?:办理|办结|答复)")
# After a number, words that mean it still counts applications / cases.
_AFTER_OK = ("申请", "政府信息公开", "依申请", "的", "件", "均", "全部", "已", "其中", "按", "在", "都", "并", "予以",
             "通过", "是", "为", "，", "。")
_NOT_A_DECISION = ("信息", "公示", "公开", "目录", "清单", "事项", "系统", "平台")
_OTHER_BASE = ("收到", "受理", "新收", "申请总数", "申请量")
_DOC_VERBS = {"issued": ("制发", "制定", "印发", "出台", "发布", "新制定", "新发布", "制定发布", "新出台", "新增"),
              "repealed": ("废止", "废除", "宣布失效", "失效"),
              "in_force": ("现行有效", "继续有效", "有效")}
_DOC_WORDS = tuple((kind, w) for kind, ws in DOC_KINDS for w in ws)
# What may stand between an application/case phrase and its number: 「收到政府信息公开申请20件」,
# 「受理依申请公开件255件」. Anything else there (「办结人大代表建议18件」, 「办理政府12345热线47件」)
# is the thing counted, and it is not in the tables.
_FILLERS = re.compile(
    r"政府信息公开申请|政府信息依申请公开|公开政府信息申请|信息公开申请|依申请公开|政府信息公开|政府信息|信息公开"
    r"|\d{4}年度?|今年|本年度?|下一?年度?|行政复议|行政诉讼|申请人|申请|案件|事项|答复|办理|处理|其中|共计|合计|总计|累计|数量|总数|各类|类"
    r"|[件的共了达为数中起后和及并等含另有均已\s　，,、：:（）()“”]")
_SHARE_BASE = re.compile(r"占(?:全部|本年度)?(?:办结|答复|办理)(?:申请)?(?:总数|总量|总件数|件数)?的?")
_ENUM_GLUE = re.compile(r"^[、和及与,，\s行政政府市区县本级]*$")


@dataclass(frozen=True, slots=True)
class Phrase:
    text: str
    keys: tuple[str, ...]
    tier: int


def _phrases() -> tuple[tuple[Phrase, ...], tuple[Phrase, ...]]:
    before: list[Phrase] = []
    after: list[Phrase] = []
    for q in QUANTITIES:
        if q.family == "t2doc":
            continue
        tier = _TIER.get(q.family, 2)
        if q.key in _RESULT_KEYS or (q.family == "t3" and q.menu is False):
            tier = 3
        for w in q.words:
            weak = w.endswith("*")
            before.append(Phrase(w.rstrip("*"), (q.key,), 1 if weak else tier))
        for w in q.after:
            after.append(Phrase(w, (q.key,), tier))
    for w in _WEAK_AMBIGUOUS:
        before.append(Phrase(w, _AMBIGUOUS, 1))
    before.append(Phrase("复议后起诉", ("t4.suit_after",), 4))
    before.append(Phrase("直接起诉", ("t4.suit_direct",), 4))
    before.append(Phrase("直接向法院起诉", ("t4.suit_direct",), 4))
    return tuple(before), tuple(after)


_BEFORE, _AFTER = _phrases()


@dataclass(frozen=True, slots=True)
class Claim:
    """A number in the prose and the table quantity (or quantities, if ambiguous) it quotes."""

    start: int  # span in the paragraph: the number with its unit, or the 「未收到…」 phrase
    end: int
    value: Decimal
    unit: str
    keys: tuple[str, ...]  # any one matching is enough; "share.<key>" for percentages
    quote: str  # the words to quote in a message
    zero: bool = False  # stated as 「未…」/「无…」

    @property
    def is_share(self) -> bool:
        return self.keys[0].startswith("share.")


@dataclass(frozen=True, slots=True)
class SumIssue:
    """「X件，其中A件、B件…」 whose parts add up to more than X."""

    start: int
    end: int
    whole: Decimal
    parts: Decimal
    quote: str


@dataclass(frozen=True, slots=True)
class Reading:
    claims: tuple[Claim, ...]
    sums: tuple[SumIssue, ...]


def _best(window: str, phrases: tuple[Phrase, ...]) -> tuple[Phrase, int] | None:
    """The winning phrase in ``window`` and where it starts: highest tier, then rightmost, then longest."""
    best: tuple[int, int, int, Phrase, int] | None = None
    for p in phrases:
        i = window.rfind(p.text)
        if i < 0:
            continue
        rank = (p.tier, i + len(p.text), len(p.text))
        if best is None or rank > best[:3]:
            best = (*rank, p, i)
    return None if best is None else (best[3], best[4])


def _clause_start(sentence: str, pos: int) -> int:
    """Start of the clause ending at ``pos``; a bracketed aside just before it is looked through
    (「制发（修改）政府规章1份」)."""
    i = pos
    while i > 0:
        ch = sentence[i - 1]
        if ch in "）)":
            j = max(sentence.rfind("（", 0, i - 1), sentence.rfind("(", 0, i - 1))
            if j >= 0 and i - j <= 12 and not any(c.isdigit() for c in sentence[j:i]):
                i = j
                continue
        if ch in _CLAUSE_MARKS:
            break
        i -= 1
    return i


def _after_text(sentence: str, pos: int) -> str:
    j = pos
    while j < len(sentence) and sentence[j] not in _CLAUSE_MARKS and sentence[j] != "、":
        j += 1
    return sentence[pos:j]


def _quote(sentence: str, start: int, end: int) -> str:
    text = sentence[start:end].strip(" ，,、：:；")
    return text if len(text) <= 40 else "…" + text[-39:]


# ---------------------------------------------------------------- statements of zero

_CLAUSE_END = r"(?:的?(?:情况|情形|事项))?(?=[，。；,;）)]|$)"
_ZERO_APPLICATIONS = re.compile(
    r"(?:(?:未|没有|尚未)(?:收到|接到|受理|接收)(?:过)?(?:[^，。；,;]{0,12}?)(?:政府信息公开申请|信息公开申请|依申请公开)"
    r"|无(?:政府信息公开申请|依申请公开申请|依申请公开事项))" + _CLAUSE_END)
_ZERO_CARRIED = (
    (re.compile(r"(?:无|没有)(?:结转|转结)[^，。；,;]{0,12}?(?:继续)?办理(?:的)?(?:件|申请)?" + _CLAUSE_END),
     "t3.carried_out"),
    (re.compile(r"(?:无|没有)上一?年度?(?:结转|转结)(?:的|办理的)?(?:政府信息公开)?(?:申请)?" + _CLAUSE_END),
     "t3.carried_in"),
)
_ZERO_CASES = re.compile(
    r"(?:未|没有|无|均未)(?:发生|出现|收到|产生|涉及|接到)?(?:[^，。；,;]{0,30}?)"
    r"(?P<review>行政复议|复议)?(?:[、和及与或]|以及)?(?P<suit>行政诉讼|诉讼)?"
    r"(?:的|等)?(?:处理|办理|发生)?(?:案件|情况|情形|事项|现象)?等?(?=[，。；,;]|$)")
_ZERO_FEE = re.compile(r"(?:未|没有|不|无|免)[^。；;，,]{0,12}?收(?:取)?[^。；;，,]{0,10}?信息处理费"
                       r"|未产生[^。；;，,]{0,6}信息处理费|无信息处理费")
_ZERO_DOCS = re.compile(r"(?:未|没有)(?:制定|制发|出台|印发|发布)(?:过)?(?:任何)?(?P<kind>行政规范性文件|规范性文件|规章)")


def _zero_claims(sentence: str, offset: int, t3_context: bool) -> list[Claim]:
    out: list[Claim] = []
    if t3_context or "申请" in sentence:
        for m in _ZERO_APPLICATIONS.finditer(sentence):
            out.append(Claim(offset + m.start(), offset + m.end(), Decimal(0), "件", ("t3.new",),
                             _quote(sentence, m.start(), m.end()), zero=True))
    for m in _ZERO_CASES.finditer(sentence):
        if not (m.group("review") or m.group("suit")):
            continue
        text = m.group(0)
        if re.search(r"\d|[一二三四五六七八九十两]件", text):
            continue
        if m.group("review") and ("行政复议" in text or m.group("review") == "复议"):
            out.append(Claim(offset + m.start(), offset + m.end(), Decimal(0), "件", ("t4.review",),
                             _quote(sentence, m.start(), m.end()), zero=True))
        if m.group("suit"):
            out.append(Claim(offset + m.start(), offset + m.end(), Decimal(0), "件", ("t4.litigation",),
                             _quote(sentence, m.start(), m.end()), zero=True))
    for rx, key in _ZERO_CARRIED if (t3_context or "申请" in sentence or "办理" in sentence) else ():
        for m in rx.finditer(sentence):
            out.append(Claim(offset + m.start(), offset + m.end(), Decimal(0), "件", (key,),
                             _quote(sentence, m.start(), m.end()), zero=True))
    for m in _ZERO_FEE.finditer(sentence):
        out.append(Claim(offset + m.start(), offset + m.end(), Decimal(0), "元", ("s6.info_fee",),
                         _quote(sentence, m.start(), m.end()), zero=True))
    for m in _ZERO_DOCS.finditer(sentence):
        kind = "regulations" if m.group("kind") == "规章" else "normative"
        out.append(Claim(offset + m.start(), offset + m.end(), Decimal(0), "件", (f"t2.{kind}.issued",),
                         _quote(sentence, m.start(), m.end()), zero=True))
    return out


# ---------------------------------------------------------------- numbers


def _doc_kind_before(sentence: str, pos: int) -> str | None:
    best: tuple[int, str] | None = None
    for kind, w in _DOC_WORDS:
        i = sentence.rfind(w, 0, pos)
        if i >= 0 and (best is None or i + len(w) > best[0]):
            best = (i + len(w), kind)
    return None if best is None else best[1]


def _doc_verb(window: str) -> tuple[str, int] | None:
    best: tuple[int, int, str, int] | None = None
    for col, verbs in _DOC_VERBS.items():
        for v in verbs:
            i = window.rfind(v)
            if i >= 0:
                rank = (i + len(v), len(v))
                if best is None or rank > best[:2]:
                    best = (*rank, col, i)
    return None if best is None else (best[2], best[3])


def _read_sentence(sentence: str, offset: int, t3_context: bool) -> tuple[list[Claim], list[SumIssue], bool]:
    claims: list[Claim] = []
    sums: list[SumIssue] = []
    numbers = find_numbers(sentence)
    has_t3 = t3_context or any(w in sentence for w in _T3_CONTEXT) or bool(_T3_FLOW.search(sentence))
    prev_end = 0
    prev_claim: Claim | None = None
    prev_doc: tuple[str, str] | None = None  # (kind, column) of the last 表二（一） claim
    found_t3 = False
    spans: list[tuple[Number, Claim | None]] = []
    for num in numbers:
        if not num.unit and not _bare_ok(sentence, num):
            continue  # 「2025年」, 「1.」, 「0394-8888888」
        start = max(prev_end, _clause_start(sentence, num.start))
        window = sentence[start:num.start]
        after = _after_text(sentence, num.end)
        claim: Claim | None = None
        if num.approx:
            claim = None
        elif num.is_percent:
            claim = _share_claim(sentence, start, num, window=window, prev=prev_claim, offset=offset)
        else:
            claim = _count_claim(sentence, start, num, window=window, after=after, has_t3=has_t3,
                                 prev_doc=prev_doc, offset=offset)
        if claim is not None:
            claims.append(claim)
            if claim.keys[0].startswith("t2.") and claim.keys[0].count(".") == 2:
                _, kind, col = claim.keys[0].split(".")
                prev_doc = (kind, col)
            if claim.keys[0].startswith("t3"):
                found_t3 = True
        spans.append((num, claim))
        prev_end = num.end
        prev_claim = claim if claim is not None else prev_claim
    sums.extend(_sum_issues(sentence, spans, offset))
    return claims, sums, found_t3


def _bare_ok(sentence: str, num: Number) -> bool:
    """「部分公开67，占4.61%」: a bare number right after a result phrase and before a clause mark."""
    if num.end < len(sentence) and sentence[num.end] not in "，,；;。":
        return False
    before = sentence[max(0, num.start - 8):num.start]
    return any(before.endswith(p.text) for p in _BEFORE if p.tier >= 3 and p.keys[0] in _RESULT_KEYS)


def _count_claim(sentence: str, start: int, num: Number, *, window: str, after: str, has_t3: bool,
                 prev_doc: tuple[str, str] | None, offset: int) -> Claim | None:
    keys: tuple[str, ...] | None = None
    kw_start = 0
    hit = _best(window, _BEFORE)
    after_hit = _best(after, _AFTER)
    if after_hit is not None:
        keys, kw_start = after_hit[0].keys, len(window)
    elif hit is not None:
        keys, kw_start = hit[0].keys, hit[1]
    if hit is not None and after_hit is None and hit[0].keys == ("t3.new",) and _BOTH.search(window[hit[1]:]):
        keys = ("t3.new", "t3.total", "t3.new_plus_carried")
    doc = _doc_claim_keys(sentence, start, num, window, prev_doc)
    if doc is not None and (keys is None or hit is None or doc[1] >= hit[1]):
        keys, kw_start = doc[0], doc[1]
    if keys is None:
        return None
    q = QUANTITY[keys[0]]
    family = q.family
    if family in ("t3", "t3col", "t4") and after_hit is None and hit is not None:
        between = window[hit[1] + len(hit[0].text):]
        if _FILLERS.sub("", between):
            return None
    if family in ("t3", "t3col"):
        free = q.key in _RESULT_KEYS - {"t3.other"} or (q.family == "t3" and not q.menu)
        if not (has_t3 or (free and num.unit in ("件", ""))) or num.unit in MONEY_UNITS or num.unit in ("人次", "次", "场", "篇", "家", "人"):
            return None
        if family == "t3col" and hit is not None:
            # A column word names the applicants of 本年新收 only; 「答复自然人申请」 is another row.
            flow = _best(window.replace(hit[0].text, "", 1), tuple(p for p in _BEFORE if p.tier <= 2))
            if flow is not None and flow[0].keys != ("t3.new",):
                return None
        if after and not after.startswith(_AFTER_OK) and after_hit is None and "申请" not in after:
            return None  # 「收到248条网民留言」 counts 留言
    elif family == "t4":
        if num.unit not in ("件", "起", "宗", "例", "个", "次"):
            return None
        if after and not after.startswith(_AFTER_OK) and "案" not in after:
            return None
    elif family == "t2dec":
        if num.unit not in ("件", "个", "项", "宗", "起", "次", "份"):
            return None
        seg = window[kw_start:]
        if any(w in seg for w in _NOT_A_DECISION) or (after and not after.startswith(_AFTER_OK)):
            return None
    elif family == "money":
        if num.unit not in MONEY_UNITS:
            return None
    elif family == "t2doc" and (num.unit not in COUNT_UNITS or num.unit in ("人次", "次", "场", "家", "人", "条")):
        return None
    if family != "money" and num.unit in MONEY_UNITS:
        return None
    quote_from = start + min(kw_start, len(window))
    return Claim(offset + num.start, offset + num.end, num.value, num.unit, keys,
                 _quote(sentence, quote_from if after_hit is None else start, num.end + len(after) if after_hit
                        else num.end))


def _doc_claim_keys(sentence: str, start: int, num: Number, window: str,
                    prev_doc: tuple[str, str] | None) -> tuple[tuple[str, ...], int] | None:
    after = re.sub(r"^(?:政府|行政|市政府|区政府|县政府)", "", _after_text(sentence, num.end))
    kind = next((k for k, w in _DOC_WORDS if after.startswith(w)), None) or _doc_kind_before(sentence, num.start)
    if kind is None:
        return None
    verb = _doc_verb(window)
    if verb is not None:
        return (f"t2.{kind}.{verb[0]}",), verb[1]
    if prev_doc is not None:
        # 「发布政府规章14部、行政规范性文件26件」: the verb carries over a 、 enumeration.
        stripped = window
        for _, w in _DOC_WORDS:
            stripped = stripped.replace(w, "")
        stripped = stripped.replace("文件", "")
        if _ENUM_GLUE.match(stripped):
            i = next((window.find(w) for _, w in _DOC_WORDS if w in window), 0)
            return (f"t2.{kind}.{prev_doc[1]}",), max(i, 0)
    return None


def _share_claim(sentence: str, start: int, num: Number, *, window: str, prev: Claim | None,
                 offset: int) -> Claim | None:
    if num.unit not in ("%", "％"):
        return None
    if any(w in window for w in _OTHER_BASE) or "率" in window:
        return None
    # 「占办结总数的8.62%」 names the base (（七）), not the part.
    window = _SHARE_BASE.sub("占", window)
    hit = _best(window, _BEFORE)
    if hit is not None and hit[0].keys[0] in SHAREABLE:
        return Claim(offset + num.start, offset + num.end, num.value, num.unit, (share_key(hit[0].keys[0]),),
                     _quote(sentence, start + hit[1], num.end))
    if hit is None and prev is not None and not prev.is_share and prev.keys[0] in SHAREABLE \
            and window.strip("，, 的").startswith("占") and len(window) <= 8:
        return Claim(offset + num.start, offset + num.end, num.value, num.unit, (share_key(prev.keys[0]),),
                     _quote(sentence, start, num.end))
    return None


def _depth(text: str) -> int:
    return text.count("（") + text.count("(") - text.count("）") - text.count(")")


def _sum_issues(sentence: str, spans: list[tuple[Number, Claim | None]], offset: int) -> list[SumIssue]:
    out: list[SumIssue] = []
    for m in re.finditer(r"其中", sentence):
        before = [(n, c) for n, c in spans if n.end <= m.start()]
        parts = [n for n, _ in spans if n.start >= m.end()]
        if not before or len(parts) < 2:
            continue
        whole = before[-1][0]
        if whole.approx or whole.is_percent or sentence[whole.end:m.start()].strip("，,：: （(") not in ("", "含"):
            continue
        # 「复议案件6件和诉讼案件3件，其中…」: the parts are those of every number of that clause.
        first = _clause_start(sentence, whole.start)
        wholes = [n for n, _ in before if n.start >= first and n.unit == whole.unit and not n.approx]
        whole_value = sum((n.value for n in wholes), Decimal(0))
        depth = 0
        total = Decimal(0)
        counted = 0
        j = m.end()
        opened = _depth(sentence[:m.start()])
        for n in parts:
            segment = sentence[j:n.start]
            depth += _depth(segment)
            j = n.start
            if opened and depth < 0:
                break  # 「（其中部门预算1条、部门决算1条）」 ends at its bracket
            if depth > 0 or n.unit != whole.unit or n.approx:
                continue
            total += n.value
            counted += 1
        if counted >= 2 and total > whole_value:
            out.append(SumIssue(offset + whole.start, offset + parts[-1].end, whole_value, total,
                                _quote(sentence, _clause_start(sentence, whole.start), whole.end)))
    return out


@lru_cache(maxsize=2048)
def recognise(paragraph: str) -> Reading:
    """Every claim a paragraph makes about the tables (cached: paragraphs rarely change)."""
    claims: list[Claim] = []
    sums: list[SumIssue] = []
    pos = 0
    t3_context = False
    for m in [*_SENTENCE_END.finditer(paragraph), None]:
        end = m.start() if m is not None else len(paragraph)
        sentence = paragraph[pos:end]
        if sentence.strip():
            cs, ss, found_t3 = _read_sentence(sentence, pos, t3_context)
            zeros = _zero_claims(sentence, pos, t3_context)
            # A zero phrase that contains a number's claim is not a statement of zero.
            zeros = [z for z in zeros if not any(z.start <= c.start < z.end for c in cs)]
            claims.extend(cs)
            claims.extend(zeros)
            sums.extend(ss)
            t3_context = t3_context or found_t3 or any(z.keys[0].startswith("t3") for z in zeros)
        pos = end + 1
    claims.sort(key=lambda c: c.start)
    return Reading(tuple(claims), tuple(sums))
