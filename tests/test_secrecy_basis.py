"""Each discloser's own secrecy and consent basis (review-2 B1): the Openness Act binds authorities only.

Health and social care and their contracted producers keep secrets under the Client Data Act from 1.1.2024; parishes
apply the Openness Act only through the Church Acts; NGOs and private persons are bound by no general secrecy law.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import questions

OPENNESS_ACT = "621/1999"
CLIENT_DATA_DISCLOSERS = ("social_services", "child_welfare", "health_care", "physician", "ngo_service_producer")
CHURCH_ACTS = {"church-10-4", "church1993-6-3"}


def _basis_grounds(ruleset, answer):
    """The grounds that state a secrecy default or a consent: where the discloser's own basis is cited."""
    for ground in answer.grounds:
        rule = ruleset.rules[ground.rule]
        if rule.fallback or ground.rule.startswith("consent-given"):
            yield ground


def test_every_secrecy_and_consent_ground_cites_the_law_that_binds_its_discloser(ruleset, reference):
    @settings(max_examples=300, deadline=None)
    @given(question=questions(ruleset), discloser=st.sampled_from([*CLIENT_DATA_DISCLOSERS, "parish_priest", "parish_employee", "ngo", "private_person"]))
    def check(question, discloser):
        question = question.model_copy(update={"discloser": discloser})
        answer = reference.answer(question)
        if answer.refer_reason == "not_in_force":  # its grounds are the later law that would decide, cited as of the day asked
            return
        for ground in _basis_grounds(ruleset, answer):
            acts = {c.act for c in ground.citations}
            provisions = {c.provision for c in ground.citations}
            if discloser in CLIENT_DATA_DISCLOSERS and question.as_of >= dt.date(2024, 1, 1):
                assert OPENNESS_ACT not in acts and "703/2023" in acts, (discloser, ground.rule)
            if discloser.startswith("parish") and OPENNESS_ACT in acts:
                assert provisions & CHURCH_ACTS, (discloser, ground.rule)
            assert discloser not in ("ngo", "private_person") or OPENNESS_ACT not in acts, (discloser, ground.rule)

    check()
