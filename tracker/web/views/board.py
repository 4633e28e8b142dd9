"""Board `/`: every open plan and its milestones at a glance, with the daemon's health."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template

from tracker.core.access import Role
from tracker.services.board import board as board_at
from tracker.store.repository import load_office
from tracker.web.context import web
from tracker.web.security import requires

bp = Blueprint("board", __name__)


@bp.route("/")
@requires(Role.VIEWER)
def board() -> Any:
    context = web()
    with context.transaction() as db:
        shown = board_at(db, load_office(db), context.now())
    return render_template("board.html.j2", board=shown, zone=shown.zone)
