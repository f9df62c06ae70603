# One replica of the playground: CPU torch pinned as in requirements.txt, a non-root user, and a health
# check on Streamlit's own endpoint. deploy/compose.yaml runs several behind HAProxy.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY requirements.txt .
# The CPU build of torch: the default index would bring a multi-GB CUDA build (see the README for a GPU).
RUN pip install --extra-index-url https://download.pytorch.org/whl/cpu -r requirements.txt

RUN useradd --create-home --uid 10001 playground
COPY --chown=playground:playground app.py ./
COPY --chown=playground:playground components ./components
COPY --chown=playground:playground .streamlit ./.streamlit
USER playground

EXPOSE 8501
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD python -c "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2).status != 200)"
CMD ["python", "-m", "streamlit", "run", "app.py", "--server.port", "8501", "--server.address", "0.0.0.0"]
