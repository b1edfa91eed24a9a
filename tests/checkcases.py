"""One assertion for every exercise check: it accepts the solution (strict or
not), and rejects each wrong answer without raising unless strict."""

import numpy as np
import pytest

from nnlib import checks


def verify_check(name, good, wrongs):
    check = getattr(checks, name)
    assert check(good, strict=True)
    for wrong in wrongs:
        with np.errstate(all="ignore"):
            assert not check(wrong), f"{name} accepted a wrong answer"
            with pytest.raises(AssertionError):
                check(wrong, strict=True)
