"""The config the product ships: the seed plan of 2019, complete, and the units of the province."""

from datetime import date, time

from tests.builders import SHIPPED_CONFIG, TEMPLATES_DIR
from tracker.config import load_config
from tracker.core.model import Audience, CcTarget, DeadlineShift, DueRule, Offset


def test_the_shipped_config_has_thirteen_units_one_plan_two_milestones_and_seven_sections() -> None:
    config = load_config(SHIPPED_CONFIG)

    assert len(config.units) == 13
    assert all(unit.active and unit.emails and unit.chair_email for unit in config.units)
    assert [plan.code for plan in config.plans] == ["so-ket-de-an-2019"]
    plan = config.plans[0]
    assert [milestone.code for milestone in plan.milestones] == ["bao-cao-don-vi", "bao-cao-tong-hop"]
    assert len(plan.sections) == 7
    assert plan.sections[0].key == "truoc-de-an"
    assert plan.source == "plans/so-ket-de-an-2019.toml"


def test_the_shipped_units_are_the_nine_district_federations_and_four_provincial_unions() -> None:
    names = [unit.name for unit in load_config(SHIPPED_CONFIG).units]

    assert names[:9] == [
        "Liên đoàn Lao động thành phố Đông Hà",
        "Liên đoàn Lao động thị xã Quảng Trị",
        "Liên đoàn Lao động huyện Vĩnh Linh",
        "Liên đoàn Lao động huyện Gio Linh",
        "Liên đoàn Lao động huyện Cam Lộ",
        "Liên đoàn Lao động huyện Triệu Phong",
        "Liên đoàn Lao động huyện Hải Lăng",
        "Liên đoàn Lao động huyện Hướng Hóa",
        "Liên đoàn Lao động huyện Đakrông",
    ]
    assert names[9:] == [
        "Công đoàn Giáo dục tỉnh Quảng Trị",
        "Công đoàn ngành Y tế tỉnh Quảng Trị",
        "Công đoàn ngành Công Thương tỉnh Quảng Trị",
        "Công đoàn Viên chức tỉnh Quảng Trị",
    ]


def test_the_shipped_milestones_are_the_units_reports_before_15_9_and_the_summary_at_the_end_of_october() -> (
    None
):
    plan = load_config(SHIPPED_CONFIG).plans[0]
    units_report, summary = plan.milestones

    assert (units_report.due, units_report.due_rule, units_report.audience) == (
        date(2019, 9, 15),
        DueRule.BEFORE,
        Audience.units(),
    )
    assert summary.title == "LĐLĐ tỉnh hoàn thành báo cáo sơ kết"
    assert (summary.due, summary.due_rule, summary.audience) == (
        date(2019, 10, 1),
        DueRule.END_OF_MONTH,
        Audience.owner(),
    )
    assert plan.deadline_shift is DeadlineShift.NEXT_WORKING_DAY
    assert plan.issued is not None and (plan.issued.year, plan.issued.month) == (2019, 8)
    assert plan.reference.startswith("Kế hoạch số ") and plan.reference.endswith("/KH-LĐLĐ")


def test_the_shipped_plan_follows_the_standard_ladder_with_six_steps_and_a_weekly_repeat() -> None:
    config = load_config(SHIPPED_CONFIG)
    ladder = config.plans[0].ladder

    assert ladder is config.ladders["standard"]
    assert [(step.key, str(step.offset), step.template, step.cc) for step in ladder.steps] == [
        ("thong-bao", "-21d", "notice", ()),
        ("nhac-lan-1", "-7d", "reminder", ()),
        ("nhac-lan-2", "-2wd", "urgent", ()),
        ("qua-han", "+1wd", "overdue", (CcTarget.UNIT_CHAIR,)),
        ("don-doc", "+3wd", "escalation", (CcTarget.OWNER,)),
        ("bao-cao-thuong-truc", "+7wd", "standing", (CcTarget.STANDING,)),
    ]
    assert ladder.repeat_every == Offset.parse("7d")


def test_every_template_the_shipped_ladder_names_ships_in_templates_emails() -> None:
    config = load_config(SHIPPED_CONFIG, templates_dir=TEMPLATES_DIR)

    templates = {step.template for step in config.ladders["standard"].steps}
    assert templates == {"notice", "reminder", "urgent", "overdue", "escalation", "standing"}


def test_the_shipped_plan_asks_for_the_figures_of_a_review_report() -> None:
    figures = {figure.key: figure for figure in load_config(SHIPPED_CONFIG).plans[0].figures}

    assert set(figures) == {
        "dn_ngoai_nha_nuoc",
        "cdcs_truoc",
        "cdcs_sau",
        "cdcs_moi",
        "doan_vien_truoc",
        "doan_vien_sau",
        "doan_vien_moi",
        "doan_vien_uu_tu",
        "dang_vien_moi",
        "to_chuc_dang_moi",
    }
    assert (figures["doan_vien_moi"].label, figures["doan_vien_moi"].unit) == (
        "Số đoàn viên kết nạp mới",
        "người",
    )


def test_the_shipped_organization_sends_in_office_hours_and_digests_on_monday_morning() -> None:
    organization = load_config(SHIPPED_CONFIG).organization

    assert (organization.name, organization.parent, organization.place) == (
        "Liên đoàn Lao động tỉnh Quảng Trị",
        "Tổng Liên đoàn Lao động Việt Nam",
        "Quảng Trị",
    )
    assert organization.timezone == "Asia/Ho_Chi_Minh"
    assert (organization.owner.name, organization.owner.emails) == ("Ban Tổ chức", ("bantochuc@example.org",))
    assert (organization.standing.name, organization.standing.emails) == (
        "Thường trực LĐLĐ tỉnh",
        ("thuongtruc@example.org",),
    )
    assert (organization.sending_hours.start, organization.sending_hours.end) == (time(7, 30), time(17, 0))
    digest = organization.digest
    assert (digest.weekday, digest.at, digest.to, digest.cc) == (
        0,
        time(7, 30),
        ("bantochuc@example.org",),
        ("thuongtruc@example.org",),
    )


def test_the_shipped_calendar_has_no_office_overrides_yet() -> None:
    config = load_config(SHIPPED_CONFIG)

    assert (config.days_off, config.working_days) == ((), ())
