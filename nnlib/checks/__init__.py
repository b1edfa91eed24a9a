"""Exercise self-checks: friendly verdicts for students.

Each exercise has a check ``checks.<exercise>(student_answer, strict=False)``
that compares the answer with nnlib's reference on chosen inputs and prints
either "Correct" or what is wrong: a wrong shape, the first input where the
value differs, and a hint when the answer matches a typical mistake.

In a student notebook (strict=False) a check never raises, so Run All works
before anything is solved.  Solution notebooks call it with strict=True and
it raises AssertionError on a wrong answer, so CI proves every solution.
The returned ``Verdict`` is truthy when the answer is right (tests use that).
"""

from ._engine import Verdict, compare, verdict
from .lessons_01_03 import (
    bias_as_weight,
    perceptron_output,
    relu_derivative,
    sigmoid_derivative,
    softmax_ce_gradient,
    stable_sigmoid,
    stable_softmax,
    xor_weights,
)
from .lessons_04_06 import (
    dense_forward,
    gd_step,
    l2_step,
    momentum_step,
    mse_gradient,
    n_parameters,
)
from .lessons_07_09 import (
    dense_backward,
    df_dy,
    dual_multiply,
    local_dh_dk,
    passes_needed,
    sigmoid_layer_dZ,
)
from .lessons_10_12 import (
    accuracy_from_probabilities,
    best_size,
    confusion_matrix,
    l1_pruning,
    mae_gradient,
    one_hot,
    rmse,
    saturated_fraction,
    saturation_challenge,
    spirals_challenge,
    xor_challenge,
)

__all__ = [
    "Verdict",
    "compare",
    "verdict",
    "sigmoid_derivative",
    "perceptron_output",
    "bias_as_weight",
    "xor_weights",
    "relu_derivative",
    "stable_sigmoid",
    "stable_softmax",
    "softmax_ce_gradient",
    "dense_forward",
    "n_parameters",
    "mse_gradient",
    "l2_step",
    "gd_step",
    "momentum_step",
    "local_dh_dk",
    "df_dy",
    "dual_multiply",
    "passes_needed",
    "sigmoid_layer_dZ",
    "dense_backward",
    "xor_challenge",
    "spirals_challenge",
    "l1_pruning",
    "saturated_fraction",
    "saturation_challenge",
    "rmse",
    "mae_gradient",
    "best_size",
    "one_hot",
    "accuracy_from_probabilities",
    "confusion_matrix",
]
