"""A load that finds a problem only once it is under way (the config is valid, the database cannot
follow it) is refused as a whole: the changes it had already made are not kept."""

from __future__ import annotations

from tests.e2e.commands import ConfigFiles, LoadedDatabase

PLAN_FILE = "plans/so-ket-de-an-2019.toml"
SUMMARY_MILESTONE = """
[[milestones]]
code = "bao-cao-tong-hop"
title = "LĐLĐ tỉnh hoàn thành báo cáo sơ kết"
due = 2019-10-01                             # "Hoàn thành vào cuối tháng 10/2019"
due_rule = "end_of_month"
audience = "owner"
"""


def test_removing_a_milestone_already_followed_is_refused_and_the_edits_before_it_are_not_kept(
    loaded: LoadedDatabase, config_files: ConfigFiles
) -> None:
    # Changes the load applies before it reaches the plan's milestones …
    config_files.add_unit_row("cd-kkt,Công đoàn Khu kinh tế tỉnh,ngành,congdoan.kkt@example.org,,,1")
    config_files.replace("organization.toml", 'hours = "07:30-17:00"', 'hours = "07:00-16:30"')
    config_files.replace(PLAN_FILE, 'due = "15/9/2019"', 'due = "1/10/2019"')
    # … then the one it cannot make.
    config_files.replace(PLAN_FILE, SUMMARY_MILESTONE, "")
    assert loaded.tracker.ok("check-config").startswith("Cấu hình hợp lệ: 1 kế hoạch, 1 mốc, 14 đơn vị.")

    message = loaded.assert_refused("load")

    assert message.strip() == (
        "Kế hoạch so-ket-de-an-2019: mốc bao-cao-tong-hop đã có trong cơ sở dữ liệu nhưng không còn "
        "trong tệp cấu hình. Không thể xoá mốc đã theo dõi; hãy khôi phục mốc đó trong tệp."
    )


def test_dropping_a_unit_whose_report_is_recorded_from_an_audience_list_is_refused(
    loaded: LoadedDatabase, config_files: ConfigFiles
) -> None:
    tracker = loaded.tracker
    config_files.replace(PLAN_FILE, 'audience = "owner"', 'audience = ["ldld-cam-lo", "cd-y-te"]')
    tracker.ok("load")
    tracker.ok("receive", "so-ket-de-an-2019", "bao-cao-tong-hop", "cd-y-te", "--on", "20/10/2019")
    loaded.before = loaded.snapshot()
    config_files.add_unit_row("cd-kkt,Công đoàn Khu kinh tế tỉnh,ngành,congdoan.kkt@example.org,,,1")
    config_files.replace(PLAN_FILE, 'audience = ["ldld-cam-lo", "cd-y-te"]', 'audience = ["ldld-cam-lo"]')

    message = loaded.assert_refused("load")

    assert "mốc bao-cao-tong-hop: đơn vị cd-y-te đã có báo cáo được ghi nhận" in message
