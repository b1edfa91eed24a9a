"""Exercise self-checks, by name: ``checks.stable_sigmoid(my_sigmoid)``.

A thin facade: each check lives with its lesson in ``nnlib.lessons.lNN_*``
(the engine that runs them is ``nnlib.lessons._engine``).  In a student
notebook a check prints a verdict and never raises; with ``strict=True``
(solution notebooks, tests) a wrong answer raises AssertionError.  The
returned ``Verdict`` is truthy when the answer is right.
"""

from .lessons import Verdict, claim, compare, verdict
from .lessons.l01_perceptron import (
    bias_as_weight,
    perceptron_output,
    perceptron_rule,
    xor_weights,
)
from .lessons.l02_activations import (
    relu_derivative,
    sigmoid_derivative,
    stable_sigmoid,
)
from .lessons.l03_softmax import (
    softmax_ce_gradient,
    stable_softmax,
)
from .lessons.l04_forward_pass import (
    dense_forward,
    n_parameters,
)
from .lessons.l05_losses import (
    l2_step,
    mse_gradient,
)
from .lessons.l06_descent import (
    gd_step,
    momentum_step,
)
from .lessons.l07_chain_rule import (
    df_dy,
    local_dh_dk,
)
from .lessons.l08_modes import (
    dual_multiply,
    passes_needed,
)
from .lessons.l09_backprop import (
    dense_backward,
    sigmoid_layer_dZ,
)
from .lessons.l10_playground import (
    l1_pruning,
    saturated_fraction,
    saturation_challenge,
    spirals_challenge,
    xor_challenge,
)
from .lessons.l11_regression import (
    best_size,
    mae_gradient,
    rmse,
)
from .lessons.l12_digits import (
    accuracy_from_probabilities,
    confusion_matrix,
    one_hot,
)
from .lessons.l13_autodiff_from_scratch import (
    scalar_add,
    scalar_backward,
    scalar_mul,
    scalar_pow,
    scalar_tanh,
    scalar_topo,
)
from .lessons.l14_two_layer_by_hand import (
    two_layer_backward,
    two_layer_forward,
    two_layer_loss,
    two_layer_softmax,
    two_layer_update,
)

__all__ = [
    "Verdict",
    "claim",
    "compare",
    "verdict",
    "perceptron_output",
    "bias_as_weight",
    "xor_weights",
    "perceptron_rule",
    "sigmoid_derivative",
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
    "scalar_add",
    "scalar_mul",
    "scalar_tanh",
    "scalar_pow",
    "scalar_topo",
    "scalar_backward",
    "two_layer_forward",
    "two_layer_softmax",
    "two_layer_loss",
    "two_layer_backward",
    "two_layer_update",
]
