"""Ruby read with tree-sitter for the Rails profile: per-file facts (``parser``, ``walk``,
``routes``) and what the whole program implies (``constants``, ``models``, ``schema``), with
ActiveSupport's inflections (``inflect``). Nothing here raises on bad input."""
