"""Python read with the standard library's ``ast`` for the SQLAlchemy and Django profiles:
per-file facts (``parser``, ``visitor``, ``idioms``, ``values``), module and name resolution
(``modules``, ``resolve``, ``classes``), the code graph and URL edges reach walks (``graph``,
``urls``, ``web_routes``), and role × reach evidence (``roles``, ``class_marks``,
``evidence``). Nothing here raises on bad input."""
