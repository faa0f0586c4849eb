# Shared lab server on the GPU workstation.
# PLANTED: listening on all interfaces (the token comes from the environment).
import os

c = get_config()  # noqa: F821
c.ServerApp.ip = '0.0.0.0'
c.ServerApp.port = 8888
c.ServerApp.open_browser = False
c.ServerApp.token = os.environ.get('JUPYTER_TOKEN')
