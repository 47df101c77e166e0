from __future__ import annotations

from typing import Any

import pytest

CODE_2019 = """CODE OF CONDUCT
General Order 19-1
Effective Date: January 1, 2019

I. PURPOSE
This order states the rules of conduct for all members.

II. RULES
A. Courtesy
Members shall be courteous to the public.
B. Truthfulness
Members shall be truthful in all reports.
"""

CODE_2021 = """CODE OF CONDUCT
General Order 21-1
Effective Date: March 3, 2021

I. PURPOSE
This order states the rules of conduct for all members.

II. RULES
A. Courtesy
Members shall be courteous to the public.
B. Duty to Intervene
Members shall intervene to stop another officer's use of excessive force when in a
position to do so.
C. Retaliation
The department will not tolerate retaliation against a member who reports misconduct or intervenes.
D. Truthfulness
Members shall be truthful in all reports.
"""


@pytest.fixture
def code_versions(agency: Any) -> tuple[Any, Any]:
    from upstander.policies.services import policy_version_import

    old = policy_version_import(
        agency=agency,
        number="GO 1",
        label="2019",
        content=CODE_2019.encode(),
        source_name="c19.txt",
    )
    new = policy_version_import(
        agency=agency,
        number="GO 1",
        label="2021",
        content=CODE_2021.encode(),
        source_name="c21.txt",
    )
    return old, new
