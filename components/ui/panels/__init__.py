"""The page's panels, top to bottom. Each is one module with a pure part (what it shows, from the Page)
and a `show(page)` that puts it on the page; adding a panel is one module and one line here. While a run's
outcome is withheld for a prediction, WITHHELD stands in for them all."""
from components.ui.panels import chart, compare, convergence, downloads, metrics, notes, prediction, step

PANELS = (chart, notes, metrics, compare, downloads, step, convergence)
WITHHELD = prediction  # stands in for the panels while a run's outcome is withheld (predict=1)
