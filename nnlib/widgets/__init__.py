"""Interactive explorers for the lessons (ipywidgets controls; figures drawn by
matplotlib in the kernel and painted by ``figure_view``, the Playground drawn
in the browser).

Importing ``nnlib`` never imports this package; importing it pulls in
ipywidgets and matplotlib.  Every builder returns an object whose
``controls`` (a dict of ipywidgets) tests can set, whose ``fig`` they can
inspect, and which displays itself in a notebook.

One module per app family: ``basics`` (environment check), ``explorers``
(neuron, activation, softmax), ``forward_pass`` (lesson 04), ``fitting``
(losses and regularisation), ``descent`` (gradient descent), ``chain_rule``
(the stepper for any typed expression), ``backprop`` (signals per layer with
depth), ``playground`` (Playground), ``regression`` (lesson 11 fits),
``digits`` (lesson 12 digit browser), ``graph_view`` (lesson 13: a graph with
values and gradients).
"""

from .backprop import gradient_norms_explorer
from .basics import environment_check
from .chain_rule import chain_rule_stepper
from .descent import descent_explorer
from .digits import digit_browser
from .explorers import activation_explorer, neuron_explorer, softmax_explorer
from .fitting import outlier_explorer, regularization_explorer
from .forward_pass import forward_pass_explorer
from .graph_view import draw_values
from .playground import Playground
from .regression import fit_explorer

__all__ = ["environment_check", "neuron_explorer", "activation_explorer", "softmax_explorer",
           "forward_pass_explorer", "outlier_explorer", "regularization_explorer",
           "descent_explorer", "chain_rule_stepper", "gradient_norms_explorer", "Playground",
           "fit_explorer", "digit_browser", "draw_values"]
