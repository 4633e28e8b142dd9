"""Vietnamese labels shown to people for the states and steps the code names in English.

One place, so that the status table, the digest and its exports say the same thing.
"""

from __future__ import annotations

from tracker.core.model import ReportState

STATE_LABELS: dict[ReportState, str] = {
    ReportState.PENDING: "Chưa đến hạn",
    ReportState.OVERDUE: "Quá hạn",
    ReportState.RECEIVED: "Đã nộp đúng hạn",
    ReportState.RECEIVED_LATE: "Nộp muộn",
    ReportState.EXEMPT: "Miễn nộp",
}

# The steps of the shipped standard ladder (config/ladders.toml) by key; other steps by their template.
STEP_LABELS: dict[str, str] = {
    "thong-bao": "Thông báo",
    "nhac-lan-1": "Nhắc lần 1",
    "nhac-lan-2": "Nhắc lần 2",
    "qua-han": "Thông báo quá hạn",
    "don-doc": "Đôn đốc",
    "bao-cao-thuong-truc": "Báo cáo Thường trực",
    # Not ladder steps: emails to a unit outside its ladder (tracker.services.unit_mail).
    "tra-lai": "Trả lại báo cáo",
    "gia-han": "Đồng ý gia hạn",
    "tu-choi-gia-han": "Không đồng ý gia hạn",
}
TEMPLATE_LABELS: dict[str, str] = {
    "notice": "Thông báo",
    "reminder": "Nhắc nhở",
    "urgent": "Nhắc khẩn",
    "overdue": "Thông báo quá hạn",
    "escalation": "Đôn đốc",
    "standing": "Báo cáo Thường trực",
}


def state_label(state: ReportState) -> str:
    return STATE_LABELS[state]


def step_label(step_key: str, template: str | None, repeat: int = 0) -> str:
    """`Nhắc lần 2`; a step of the federation's own by its template's label, else by its key.

    Repeats of the last step say which time: `Báo cáo Thường trực (nhắc lại lần 2)`.
    """
    label = STEP_LABELS.get(step_key) or TEMPLATE_LABELS.get(template or "", step_key)
    return f"{label} (nhắc lại lần {repeat})" if repeat else label
