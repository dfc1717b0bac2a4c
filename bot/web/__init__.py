"""The web server: FastAPI app factory, demo login, supervisor dashboard and case pages.

Chat surfaces (web chat at ``/``, ``/slack/events``, ``/api/messages``) are mounted on the same
app by :func:`bot.web.app.create_app` from ``bot.surfaces.build_routers``.
"""
