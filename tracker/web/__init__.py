"""The office's web dashboard: a Flask application built by `create_app` (tracker.web.app).

Each page is a module of `tracker.web.views` with a blueprint `bp`; its views are a few lines (parse
the input, call a service, render a template of `templates/web/`) and each carries a role (`requires`).
"""
