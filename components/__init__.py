"""Pure computation for the Polynomial Autograd Playground; nothing here imports Streamlit."""
