"""The use cases: one function per user intent, called alike by the chat tools (``tools/*.py``),
the web pages (``bot/web/pages``) and the CLI (``bot/cli``).

Each function is keyword-only (``*, actor, session, settings, ...``), authorises and audits
once (``tools.authz``, ``tools.audit``), calls the engines and returns plain data — no
``Reply``, no HTML, no user text. Surfaces format what they get back.

- :mod:`tools.usecases.cases`: case summary, recommended targets, record a result
- :mod:`tools.usecases.investigation`: batch recommendations, the 電子照会 inquiry batch
- :mod:`tools.usecases.assignment`: make / apply / discard a plan, reassign one case
- :mod:`tools.usecases.day`: the worklist, the 差押禁止額
- :mod:`tools.usecases.search`: search statutes / manual, one document whole, rate a hit
"""
