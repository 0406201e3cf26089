"""Tests for data/calendar.csv: date order, completeness, no overlapping terms."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import load_corpus
from helpers.research import CALENDAR_CSV, load_calendar

TYPES = {"party_congress", "plenum", "npc_session", "premier_term", "party_leader_term"}
# years in which no NPC plenary session opened, documented exceptions:
# 1961 (2nd NPC: sessions 1959, 1960, 1962, 1963); the 3rd NPC's only session
# opened 1964-12-21 and closed 1965-01-04; none 1966-1974; 4th NPC 1975 only;
# none in 1976 and 1977 (5th NPC opened 1978-02).
NO_NPC_SESSION = {1961, *range(1965, 1975), 1976, 1977}
PLENUMS_PER_CC = {11: 7, 12: 7, 13: 9, 14: 7, 15: 7, 16: 7, 17: 7, 18: 7, 19: 7}


@pytest.fixture(scope="module")
def cal():
    return load_calendar()


def test_columns_types_and_sources(cal):
    raw = pd.read_csv(CALENDAR_CSV, dtype=str, keep_default_na=False)
    assert list(raw.columns) == ["event_type", "name", "name_en", "start", "end", "number", "body",
                                 "source", "notes"]
    assert set(cal["event_type"]) == TYPES
    assert (raw["source"].str.len() > 10).all(), "every row cites a source"
    assert (raw["name"] != "").all() and (raw["name_en"] != "").all()
    # ISO dates only
    assert raw["start"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert raw["end"].str.fullmatch(r"(\d{4}-\d{2}-\d{2})?").all()


def test_start_not_after_end(cal):
    ended = cal.dropna(subset=["end"])
    assert (ended["start"] <= ended["end"]).all()
    running = cal[cal["end"].isna()]
    assert set(running["event_type"]) <= {"premier_term", "party_leader_term"}


def test_every_party_congress_1_to_20_in_order(cal):
    pc = cal[cal["event_type"] == "party_congress"].sort_values("number")
    assert pc["number"].tolist() == list(range(1, 21))
    assert pc["start"].is_monotonic_increasing
    dates = dict(zip(pc["number"], pc["start"].dt.strftime("%Y-%m-%d")))
    assert dates[11] == "1977-08-12" and dates[19] == "2017-10-18" and dates[20] == "2022-10-16"


def test_every_plenum_from_the_11th_cc(cal):
    pl = cal[cal["event_type"] == "plenum"]
    pc = cal[cal["event_type"] == "party_congress"].set_index("number")
    for cc, n in {**PLENUMS_PER_CC, 20: None}.items():
        rows = pl[pl["body"] == str(cc)].sort_values("number")
        numbers = rows["number"].tolist()
        assert numbers == list(range(1, (n or len(numbers)) + 1)), cc
        assert rows["start"].is_monotonic_increasing, cc
        # the 1st plenum follows the congress; the last comes before the next congress
        assert rows["start"].iloc[0] >= pc.loc[cc, "end"], cc
        assert rows["start"].iloc[0] - pc.loc[cc, "end"] <= pd.Timedelta(days=3), cc
        if cc < 20:
            assert rows["end"].iloc[-1] < pc.loc[cc + 1, "start"], cc
    assert len(pl[pl["body"] == "20"]) >= 3
    third = pl[(pl["body"] == "11") & (pl["number"] == 3)].iloc[0]
    assert third["start"].strftime("%Y-%m-%d") == "1978-12-18"


def test_every_year_npc_session_except_documented_gaps(cal):
    npc = cal[cal["event_type"] == "npc_session"]
    opened = npc["start"].dt.year.value_counts()
    for year in range(1954, 2026):
        if year in NO_NPC_SESSION:
            assert year not in opened.index, year
        else:
            assert opened.get(year, 0) == 1, year
    assert npc.sort_values("start")["start"].iloc[0].strftime("%Y-%m-%d") == "1954-09-15"


def test_npc_sessions_numbered_within_each_congress(cal):
    npc = cal[cal["event_type"] == "npc_session"]
    assert sorted(npc["body"].astype(int).unique()) == list(range(1, 15))
    for body, rows in npc.groupby("body"):
        rows = rows.sort_values("start")
        assert rows["number"].tolist() == list(range(1, len(rows) + 1)), body
    starts = npc.assign(b=npc["body"].astype(int)).sort_values(["b", "number"])["start"]
    assert starts.is_monotonic_increasing


def test_bundled_work_reports_fall_in_an_npc_session(cal):
    npc = cal[cal["event_type"] == "npc_session"]
    gwr = load_corpus("gwr")
    for doc_id, date in zip(gwr["doc_id"], gwr["date"]):
        inside = (npc["start"] <= date) & (date <= npc["end"])
        assert inside.sum() == 1, doc_id


@pytest.mark.parametrize("office", ["premier_term", "party_leader_term"])
def test_no_overlapping_terms_for_the_same_office(cal, office):
    terms = cal[cal["event_type"] == office].sort_values("start").reset_index(drop=True)
    assert terms["end"].iloc[:-1].notna().all()  # only the last is still running
    assert terms["end"].iloc[-1] is pd.NaT or pd.isna(terms["end"].iloc[-1])
    for i in range(len(terms) - 1):
        assert terms.loc[i, "end"] <= terms.loc[i + 1, "start"], terms.loc[i, "name"]


def test_leaders_and_premiers_in_order(cal):
    leaders = cal[cal["event_type"] == "party_leader_term"].sort_values("start")["name"].tolist()
    assert leaders == ["毛泽东", "华国锋", "胡耀邦", "赵紫阳", "江泽民", "胡锦涛", "习近平"]
    premiers = cal[cal["event_type"] == "premier_term"].sort_values("start")["name"].tolist()
    assert premiers == ["周恩来", "华国锋", "赵紫阳", "李鹏", "朱镕基", "温家宝", "李克强", "李强"]


def test_event_type_filter():
    assert set(load_calendar(event_types=["plenum"])["event_type"]) == {"plenum"}


def test_every_row_states_its_verification_status():
    """notes open with the row's status: verified / corrected (and verified) / not verified,
    or a partial verification naming what is not verified; verified rows cite a URL."""
    raw = pd.read_csv(CALENDAR_CSV, dtype=str, keep_default_na=False)
    status = raw["notes"].str.contains(r"\bverified\b", regex=True)
    assert status.all(), raw.loc[~status, "name"].tolist()
    fully = raw["notes"].str.match(r"(verified|corrected)") & ~raw["notes"].str.contains("not verified")
    assert raw.loc[fully, "source"].str.contains("http").all()
