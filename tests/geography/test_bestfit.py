from __future__ import annotations

from diogel.geography import Geography


def test_every_lsoa_has_a_best_fit_both_ways(geography: Geography) -> None:
    fit = geography.best_fit
    assert len(fit.lsoa11_to_21) == 1909
    assert len(fit.lsoa21_to_11) == 1917
    assert fit.lsoa11_to_21["share"].between(0, 1 + 1e-9).all()


def test_unchanged_lsoas_match_themselves(geography: Geography) -> None:
    fit = geography.best_fit.lsoa11_to_21.set_index("from")
    same = fit[fit.index == fit["to"]]
    assert len(same) > 1800
    assert same["share"].median() > 0.999


def test_merged_lsoas_point_to_the_new_area(geography: Geography) -> None:
    # Aberffraw & Rhosneigr 1 and 2 were merged into one 2021 LSOA.
    fit = geography.best_fit.lsoa11_to_21.set_index("from")["to"]
    assert fit["W01000001"] == fit["W01000002"] == "W01002008"
