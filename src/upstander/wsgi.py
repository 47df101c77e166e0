"""WSGI entry point for production servers (``upstander.wsgi:application``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upstander.settings")
application = get_wsgi_application()
