"""Provision references read as a lawyer writes them in each language."""

import pytest

from infoshare.render.answer import where


@pytest.mark.parametrize(
    ("args", "language", "expected"),
    [
        (("417/2007", None, "25", 1, None), "fi", "417/2007 25 § 1 mom."),
        (("417/2007", None, "25", 1, None), "sv", "417/2007 25 § 1 mom."),
        (("417/2007", None, "25", 1, None), "en", "417/2007 s.25(1)"),
        (("39/1889", "15", "10", 1, None), "fi", "39/1889 15 luku 10 § 1 mom."),
        (("39/1889", "15", "10", 1, None), "sv", "39/1889 15 kap. 10 § 1 mom."),
        (("39/1889", "15", "10", 1, None), "en", "39/1889 ch.15 s.10(1)"),
        (("621/1999", None, "24", 1, 32), "fi", "621/1999 24 § 1 mom. 32 kohta"),
        (("417/2007", None, "25 a", None, None), "en", "417/2007 s.25 a"),
        (("39/1889", "20", None, None, None), "en", "39/1889 ch.20"),
        (("985/2006", None, None, None, None), "en", "985/2006 (section unconfirmed)"),
        (("985/2006", None, None, None, None), "fi", "985/2006 (pykälä vahvistamatta)"),
        (("HE 182/2025", None, None, None, None), "sv", "HE 182/2025"),  # a government proposal has no sections to confirm
        (("EU 2016/679", None, "6", 1, "c"), "fi", "EU 2016/679 Art.6(1)(c)"),
    ],
)
def test_where(args, language, expected):
    assert where(*args, language=language) == expected
