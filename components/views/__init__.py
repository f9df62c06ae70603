"""What the page shows, as data: the figure, the equation, the notes. No Streamlit, no widgets."""
