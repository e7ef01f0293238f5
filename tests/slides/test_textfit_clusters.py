"""Lines break between user-perceived characters only: Thai, which has no spaces between words,
may break anywhere but never between a letter and its vowel or tone marks; nor may a
Devanagari or Bengali conjunct, a Tamil vowel sign or an emoji sequence be split."""

from __future__ import annotations

import unicodedata

import pytest

from whiteboard.export.pdfdoc import wrap_text
from whiteboard.slides import textfit

THAI = "ระบบสั่งซื้อสินค้าออนไลน์ของกรุงเทพมหานครที่ใช้งานทุกวัน"
BENGALI = "বিক্রয়ব্যবস্থাপনাকেন্দ্র"
TAMIL = "விற்பனைஅமைப்புகொள்முதல்"
HINDI = "क्षेत्रीयबिक्रीप्रबंधनकेंद्र"
EMOJI = "👩‍💻🇹🇭👍🏽❤️"


def _boundaries(text: str) -> set[int]:
    ends = {0}
    total = 0
    for cluster in textfit.clusters(text):
        total += len(cluster)
        ends.add(total)
    return ends


def test_clusters_keep_marks_with_their_letters() -> None:
    assert textfit.clusters("ที่นี่") == ["ที่", "นี่"]
    assert textfit.clusters("กำ") == ["กำ"]  # SARA AM belongs to the syllable
    assert textfit.clusters("क्षेत्र") == ["क्षे", "त्र"]  # conjuncts, with their vowel sign
    assert textfit.clusters("বিক্র") == ["বি", "ক্র"]
    assert textfit.clusters("கொள்") == ["கொ", "ள்"]
    assert textfit.clusters(EMOJI) == ["👩‍💻", "🇹🇭", "👍🏽", "❤️"]
    assert textfit.clusters("abc") == ["a", "b", "c"]


@pytest.mark.parametrize("text", [THAI, BENGALI, TAMIL, HINDI, EMOJI * 3])
def test_clusters_match_unicode_grapheme_clusters(text: str) -> None:
    """The `regex` module's \\X (UAX #29, with the Indic conjunct rule) as the oracle."""
    regex = pytest.importorskip("regex")
    assert textfit.clusters(text) == regex.findall(r"\X", text)


def _assert_whole_clusters(text: str, lines: list[str]) -> None:
    joined = "".join(lines)
    assert joined == text
    cuts, at = set(), 0
    for line in lines[:-1]:
        at += len(line)
        cuts.add(at)
    assert cuts <= _boundaries(text), [line[-2:] for line in lines]
    for line in lines[1:]:
        assert unicodedata.category(line[0]) not in ("Mn", "Mc"), line


@pytest.mark.parametrize("text", [THAI, BENGALI, TAMIL, HINDI, EMOJI * 4])
def test_a_long_word_breaks_between_clusters_in_every_width(text: str) -> None:
    for width in range(18, 160, 3):
        lines = textfit.wrap(text, 14, width)
        assert len(lines) > 1 or textfit.text_width(text, 14) <= width
        _assert_whole_clusters(text, lines)
        assert all(textfit.text_width(line, 14) <= width for line in lines if len(line) > 3)


@pytest.mark.parametrize("text", [THAI, BENGALI, TAMIL])
def test_the_handouts_own_wrap_breaks_between_clusters_too(text: str) -> None:
    base = textfit.font_name()
    for width in range(18, 160, 5):
        _assert_whole_clusters(text, wrap_text(text, base, 10, width))


@pytest.mark.parametrize("text", [THAI, BENGALI, TAMIL, HINDI])
def test_an_ellipsis_never_cuts_a_cluster(text: str) -> None:
    for width in range(20, 200, 4):
        cut = textfit.ellipsize(text, 14, width)
        if cut == text:
            continue
        kept = cut.removesuffix(textfit.ELLIPSIS)
        assert text.startswith(kept) and len(kept) in _boundaries(text), cut


def test_thai_words_in_a_sentence_still_wrap_at_spaces_first() -> None:
    width = textfit.text_width("ระบบ สั่งซื้อ", 14) + 1
    assert textfit.wrap("ระบบ สั่งซื้อ สินค้า", 14, width) == ["ระบบ สั่งซื้อ", "สินค้า"]
