"""IPython start-up file of the kernels that execute the lessons for the
static site (docs/conf.py copies it into the build's IPYTHONDIR).

- ``%matplotlib widget`` (every lesson's first line) draws inline PNGs here:
  an ipympl figure is a live canvas that a static page cannot show.
- A bare ipywidgets widget (lesson 00's environment check) shows its values
  and the "run this live" note; the explorers do that themselves
  (``Explorer._ipython_display_`` when ``NNLIB_STATIC_SITE`` is set).
"""


def _nnlib_site_setup():
    ip = get_ipython()  # noqa: F821 - defined in IPython start-up files
    if ip is None:
        return
    inline = ip.find_line_magic("matplotlib")

    def matplotlib(line=""):
        """%matplotlib on the static site: always inline."""
        return inline("inline")

    ip.register_magic_function(matplotlib, "line", "matplotlib")
    ip.run_line_magic("matplotlib", "inline")

    from nnlib.widgets._static import show_widget

    formatter = ip.display_formatter.ipython_display_formatter
    formatter.for_type_by_name("ipywidgets.widgets.widget", "Widget", show_widget)


_nnlib_site_setup()
del _nnlib_site_setup
