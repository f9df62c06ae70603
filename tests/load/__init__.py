"""Load tests: many students' browsers on one real `streamlit run app.py` server (see load_test.py)."""
