"""A scripted campaign on the seed plan (tests/builders.py, with units and figures of its own), for the
digest tests.

The units' reports are due "trước 15/9/2019": the written last day is Saturday 14/9, the effective one
Monday 16/9/2019. Thirteen units: seven on time (one on the last day itself, one on the Saturday), two
late (one the day after), one exempt, three never (as of 23/9; one of them arrives on 25/9). The
owner's own summary report is due at the end of October. The reminder log follows the standard ladder,
with one address refused for good, one refused among several, and one retry still pending.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from tests import builders
from tests.builders import ORGANIZATION, SEED_PLAN, UNITS_REPORT, at
from tracker.core.digest import Digest, build_digest
from tracker.core.health import Heartbeat
from tracker.core.model import Config, Figure, Plan, Section, Unit
from tracker.core.office import Office
from tracker.core.reports import DeliveryState, ExpectedReport, ReminderRecord, Submission

# Sections and figures of the campaign's own (shorter than the seed's; the digest tests name them).
SECTIONS = (
    Section("truoc-de-an", "Tình hình số lượng đoàn viên, CĐCS trong doanh nghiệp trước khi Đề án ban hành"),
    Section("chi-dao", "Công tác chỉ đạo, triển khai trong các cấp công đoàn"),
    Section("trach-nhiem", "Trách nhiệm của tổ chức công đoàn trong phát triển tổ chức đảng, đảng viên"),
    Section("ket-qua", "Kết quả phát triển đoàn viên, thành lập CĐCS, giới thiệu đoàn viên ưu tú"),
    Section("danh-gia", "Đánh giá tổng quát kết quả, hạn chế, nguyên nhân, bài học kinh nghiệm"),
    Section("phuong-huong", "Mục tiêu, phương hướng, nhiệm vụ thời gian tới"),
    Section("kien-nghi", "Kiến nghị, đề xuất"),
)
FIGURES = (
    Figure("doanh_nghiep", "Số doanh nghiệp ngoài nhà nước trên địa bàn", "doanh nghiệp"),
    Figure("cdcs_moi", "Số CĐCS thành lập mới", "CĐCS"),
    Figure("doan_vien_moi", "Số đoàn viên kết nạp mới", "người"),
    Figure("gioi_thieu_dang", "Số đoàn viên ưu tú giới thiệu cho Đảng", "người"),
    Figure("to_chuc_dang_moi", "Số tổ chức đảng thành lập trong doanh nghiệp", "tổ chức"),
)
# The owner's own summary, due at the end of October.
SUMMARY_REPORT = replace(
    builders.SUMMARY_REPORT, title="LĐLĐ tỉnh báo cáo tổng hợp kết quả sơ kết", due=date(2019, 10, 31)
)
PLAN: Plan = replace(
    SEED_PLAN,
    reference="Kế hoạch số 05/KH-LĐLĐ ngày 05/8/2019",
    milestones=(UNITS_REPORT, SUMMARY_REPORT),
    sections=SECTIONS,
    figures=FIGURES,
    issued=date(2019, 8, 5),
    source="",
)

UNITS = (
    Unit("dong-ha", "LĐLĐ thành phố Đông Hà", emails=("lienhe@dongha.example.org",)),
    Unit("quang-tri", "LĐLĐ thị xã Quảng Trị", emails=("lienhe@quangtri.example.org",)),
    Unit("vinh-linh", "LĐLĐ huyện Vĩnh Linh", emails=("lienhe@vinhlinh.example.org",)),
    Unit("gio-linh", "LĐLĐ huyện Gio Linh", emails=("lienhe@giolinh.example.org",)),
    Unit("cam-lo", "LĐLĐ huyện Cam Lộ", emails=("lienhe@camlo.example.org",)),
    Unit("trieu-phong", "LĐLĐ huyện Triệu Phong", emails=("lienhe@trieuphong.example.org",)),
    Unit("hai-lang", "LĐLĐ huyện Hải Lăng", emails=("lienhe@hailang.example.org",)),
    Unit("huong-hoa", "LĐLĐ huyện Hướng Hóa", emails=("lienhe@huonghoa.example.org",)),
    Unit("dakrong", "LĐLĐ huyện Đakrông", emails=("lienhe@dakrong.example.org",)),
    Unit("giao-duc", "Công đoàn Giáo dục tỉnh", emails=("lienhe@giaoduc.example.org",)),
    Unit("y-te", "Công đoàn ngành Y tế", emails=("lienhe@yte.example.org",)),
    Unit("cong-thuong", "Công đoàn ngành Công Thương", emails=("lienhe@congthuong.example.org",)),
    Unit("vien-chuc", "Công đoàn Viên chức tỉnh", emails=("lienhe@vienchuc.example.org",)),
)
CONFIG = Config(organization=ORGANIZATION, units=UNITS, plans=(PLAN,))

ALL_SECTIONS = tuple(s.key for s in SECTIONS)


def _figures(*values: float | None) -> dict[str, float]:
    """The figures in the plan's order; None for one the report does not give."""
    return {f.key: float(v) for f, v in zip(FIGURES, values, strict=True) if v is not None}


SUBMISSIONS: dict[str, Submission] = {
    "dong-ha": Submission(date(2019, 9, 5), "45/BC-LĐLĐ", ALL_SECTIONS, _figures(120, 6, 310, 12, 2)),
    "vien-chuc": Submission(date(2019, 9, 9), "21/BC-CĐVC", ALL_SECTIONS, _figures(0, 0, 0, 3, 0)),
    # No "doan_vien_moi" figure.
    "quang-tri": Submission(date(2019, 9, 10), "18/BC-LĐLĐ", ALL_SECTIONS, _figures(35, 2, None, 4, 1)),
    # No "kien-nghi" section.
    "vinh-linh": Submission(date(2019, 9, 12), "30/BC-LĐLĐ", ALL_SECTIONS[:-1], _figures(48, 3, 95, 5, 1)),
    "gio-linh": Submission(date(2019, 9, 13), "27/BC-LĐLĐ", ALL_SECTIONS, _figures(40, 1, 60, 2, 0)),
    # The written last day: a Saturday, still on time.
    "giao-duc": Submission(date(2019, 9, 14), "112/BC-CĐGD", ALL_SECTIONS, _figures(15, 1, 40, 6, 0)),
    # The effective last day itself: on time.
    "cam-lo": Submission(date(2019, 9, 16), "19/BC-LĐLĐ", ALL_SECTIONS, _figures(22, 1, 33, 1, 0)),
    # The day after the effective last day: one day late.
    "trieu-phong": Submission(date(2019, 9, 17), "25/BC-LĐLĐ", ALL_SECTIONS[:3], _figures(30, 2, 51, 3, 1)),
    "hai-lang": Submission(date(2019, 9, 20), "22/BC-LĐLĐ", ALL_SECTIONS, _figures(28, 0, 20, 0, 0)),
    # Arrives after the digest of 23/9: outstanding then.
    "cong-thuong": Submission(date(2019, 9, 25), "40/BC-CĐCT", ALL_SECTIONS, _figures(60, 4, 150, 8, 1)),
}
EXEMPTED = {"huong-hoa": at(2, 9, 9, 15)}


def expected_reports(units: tuple[Unit, ...] = UNITS) -> list[ExpectedReport]:
    """Every unit's report for the units' milestone, and the owner's for the summary."""
    reports = [
        ExpectedReport(
            PLAN.code, UNITS_REPORT.code, unit, SUBMISSIONS.get(unit.code), EXEMPTED.get(unit.code)
        )
        for unit in units
    ]
    reports.append(ExpectedReport(PLAN.code, SUMMARY_REPORT.code, CONFIG.owner_unit()))
    return reports


def _sent(unit: str, step: str, moment: datetime, *refused: str, repeat: int = 0) -> ReminderRecord:
    return ReminderRecord(
        PLAN.code, UNITS_REPORT.code, unit, step, repeat, DeliveryState.SENT, moment, moment, tuple(refused)
    )


def reminder_log() -> list[ReminderRecord]:
    """What the daemon recorded, the way the standard ladder plays out on this campaign."""
    everyone = [u.code for u in UNITS]
    log = [_sent(unit, "thong-bao", at(26, 8)) for unit in everyone]
    log += [_sent(unit, "nhac-lan-1", at(9, 9)) for unit in everyone if unit not in ("dong-ha", "huong-hoa")]
    late_at_12 = [
        "gio-linh",
        "cam-lo",
        "trieu-phong",
        "hai-lang",
        "dakrong",
        "giao-duc",
        "y-te",
        "cong-thuong",
    ]
    log += [_sent(unit, "nhac-lan-2", at(12, 9)) for unit in late_at_12]
    log += [
        _sent(unit, "qua-han", at(17, 9, 7, 31)) for unit in ("hai-lang", "dakrong", "y-te", "cong-thuong")
    ]
    log += [
        _sent("hai-lang", "don-doc", at(19, 9)),
        _sent("y-te", "don-doc", at(19, 9), "chutich@yte.example.org"),
        ReminderRecord(
            PLAN.code,
            UNITS_REPORT.code,
            "dakrong",
            "don-doc",
            0,
            DeliveryState.FAILED,
            at(19, 9),
            failed_recipients=("lienhe@dakrong.example.org",),
        ),
        # A 4xx reply: the retry was still waiting on 23/9 and went out on 24/9.
        ReminderRecord(
            PLAN.code,
            UNITS_REPORT.code,
            "cong-thuong",
            "don-doc",
            0,
            DeliveryState.SENT,
            at(19, 9),
            at(24, 9, 8),
        ),
        # After the digest of 23/9.
        _sent("dakrong", "bao-cao-thuong-truc", at(25, 9)),
        _sent("y-te", "bao-cao-thuong-truc", at(25, 9)),
        _sent("y-te", "bao-cao-thuong-truc", at(2, 10), repeat=1),
    ]
    return log


HEARTBEAT = Heartbeat(
    last_sweep_at=at(23, 9, 7, 55), next_sweep_at=at(23, 9, 8, 0), interval=timedelta(minutes=5)
)


AS_OF = at(23, 9, 8, 0)  # the Monday digest a week after the deadline


def campaign_digest(as_of: datetime = AS_OF, units: tuple[Unit, ...] = UNITS, **options: Any) -> Digest:
    """The digest of this campaign on Monday 23/9/2019 at 08:00, unless told."""
    options.setdefault("heartbeat", HEARTBEAT)
    return build_digest(Office.of(CONFIG), expected_reports(units), reminder_log(), as_of, **options)
