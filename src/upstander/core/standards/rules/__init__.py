"""Rule code for the bundled provisions, one module per provision family."""

from __future__ import annotations

from upstander.core.standards.rules.base import RuleFunc
from upstander.core.standards.rules.force import FORCE_RULES
from upstander.core.standards.rules.generic import directive_rule
from upstander.core.standards.rules.intervention import INTERVENTION_RULES
from upstander.core.standards.rules.reporting import REPORTING_RULES

__all__ = ["BUILTIN_RULES", "RuleFunc", "directive_rule"]

BUILTIN_RULES: dict[str, RuleFunc] = {
    **FORCE_RULES,
    **REPORTING_RULES,
    **INTERVENTION_RULES,
    "directive": directive_rule,
}
