"""The Streamlit side: the sidebar's widgets and how messages are put on the page."""
