"""One module per page, each with a blueprint `bp` listed in `tracker.web.app.PAGES`."""
