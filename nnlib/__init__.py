"""nnlib: a small, readable neural-network library in numpy, for teaching.

    import nnlib
    net = nnlib.Network([nnlib.Dense(2, 16, "tanh", rng=0),
                         nnlib.Dense(16, 2, "softmax", rng=0)])
    history = net.fit(X, y, loss="cross_entropy", optimizer=nnlib.SGD(lr=0.5))

Only numpy is imported here; plotting and widgets import matplotlib and
ipywidgets when you use them.
"""

from . import activations, autodiff, datasets, losses, optim
from .activations import softmax, softmax_jacobian
from .gradcheck import gradient_check, numerical_derivative, numerical_gradient
from .layers import Dense
from .network import History, Network
from .optim import SGD, Adam, Momentum

__version__ = "0.1.0"
__all__ = ["activations", "autodiff", "datasets", "losses", "optim", "softmax",
           "softmax_jacobian", "gradient_check", "numerical_gradient", "numerical_derivative",
           "Dense", "Network", "History", "SGD", "Momentum", "Adam"]
