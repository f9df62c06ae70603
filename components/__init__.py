"""The Polynomial Autograd Playground's parts, in layers that import only the layers before them:

state → problem → engine → views → exports → ui (and app.py, the page). Nothing before ui imports
Streamlit; tests/test_layers.py checks both rules on every module.
"""
