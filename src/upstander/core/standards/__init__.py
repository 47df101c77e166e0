"""Assessing policy documents against reform standards such as "8 Can't Wait".

- Standards are YAML packs (``packs/*.yaml``): id, title, source, and provisions with a
  definition, what counts, the traps, and rule parameters (cue phrases, scope limits,
  exceptions). A pack that needs no code uses the generic ``directive`` rule.
- Rules that need code are registered through the pluggy hooks in :mod:`.hookspecs`
  (``upstander_standards`` returns pack paths, ``upstander_provision_rules`` returns rule
  callables keyed by provision id or by the ``rule`` name a pack gives). Plugins are found in
  the ``upstander`` entry-point group; the bundled packs are the plugin :mod:`.builtin`.
- :func:`.engine.assess` returns one :class:`.model.Finding` per provision: ``met``,
  ``not_met`` (addressed but falls short) or ``not_addressed``, with confidence, a reason and
  verbatim evidence (quote, section id, page).
- :func:`.evaluate.evaluate` scores the engine on the labelled shared corpus.

This package never imports Django.
"""
