"""Settings, read from the environment (twelve-factor) with safe local defaults.

Out of the box everything runs embedded: an SQLite file under ``var/`` and huey on SQLite.
Production sets DATABASE_URL (PostgreSQL), REDIS_URL, SECRET_KEY, DEBUG=false, ALLOWED_HOSTS.
"""
from __future__ import annotations

from pathlib import Path

import environ

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent

env = environ.Env()
# A local .env file is honoured for developers; the environment always wins.
if (PROJECT_DIR / ".env").exists():
    environ.Env.read_env(PROJECT_DIR / ".env", overwrite=False)

DATA_DIR = Path(env.str("GONGZHI_DATA_DIR", default=str(PROJECT_DIR / "var")))
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("DEBUG", default=True)
_INSECURE_LOCAL_KEY = "django-insecure-local-development-key-never-use-in-production-0000"
SECRET_KEY = env.str("SECRET_KEY", default=_INSECURE_LOCAL_KEY)
if not DEBUG and SECRET_KEY == _INSECURE_LOCAL_KEY:
    raise environ.ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "django_htmx",
    "huey.contrib.djhuey",
    "auditlog",
    "rules.apps.AutodiscoverRulesConfig",
    "gongzhi.common",
    "gongzhi.org",
    "gongzhi.orders",
    "gongzhi.open311",
    "gongzhi.workforce",
    "gongzhi.assessment",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "gongzhi.common.access.middleware.ActorMiddleware",
]

ROOT_URLCONF = "gongzhi.urls"
WSGI_APPLICATION = "gongzhi.wsgi.application"
ASGI_APPLICATION = "gongzhi.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongzhi.common.context_processors.shell",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'gongzhi.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL and a busy timeout let the web server and the huey consumer share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE",
         "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
    # Tests use a file, not shared-cache memory: with threads, shared cache answers "table is
    # locked" at once instead of waiting, which is not how the platform runs.
    DATABASES["default"].setdefault("TEST", {"NAME": str(DATA_DIR / "test-gongzhi.sqlite3")})
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "org.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Repeated failed logins lock the account for a while (MLPS 2.0 identity baseline).
GONGZHI_LOGIN_MAX_FAILURES = env.int("GONGZHI_LOGIN_MAX_FAILURES", default=5)
GONGZHI_LOGIN_LOCKOUT_MINUTES = env.int("GONGZHI_LOGIN_LOCKOUT_MINUTES", default=15)

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Shanghai")
USE_I18N = True
USE_TZ = True
# Office hours on working days, on TIME_ZONE's clock: deadlines in working hours count only these
# (common/calendar, docs/working-time.md). Xinjiang offices keep Beijing time, hence the late hours.
GONGZHI_WORKING_HOURS = env.str("GONGZHI_WORKING_HOURS", default="10:00-14:00,15:30-19:30")
# How often (seconds) a process checks whether the working-day overrides changed in another process.
GONGZHI_CALENDAR_REFRESH_SECONDS = env.float("GONGZHI_CALENDAR_REFRESH_SECONDS", default=5.0)

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(DATA_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every start without it
NODE_MODULES_DIR = Path(env.str("GONGZHI_NODE_MODULES", default=str(PROJECT_DIR / "node_modules")))
# Third-party front-end assets come from npm at set-up time and are served straight from node_modules.
STATICFILES_DIRS = [
    (f"vendor/{name}", NODE_MODULES_DIR / subdir)
    for name, subdir in [
        ("bootstrap", "bootstrap/dist"),
        ("htmx", "htmx.org/dist"),
        ("echarts", "echarts/dist"),
        ("leaflet", "leaflet/dist"),
        ("swagger-ui", "swagger-ui-dist"),
    ]
    if (NODE_MODULES_DIR / subdir).is_dir()
]
# The platform's own stylesheets and scripts (static/gongzhi/...), beside the vendored ones.
STATICFILES_DIRS.append(PACKAGE_DIR / "static")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    HUEY = {"huey_class": "huey.RedisHuey", "name": "gongzhi", "url": REDIS_URL, "immediate": False,
            "consumer": {"workers": 2, "worker_type": "thread"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    HUEY = {"huey_class": "huey.SqliteHuey", "name": "gongzhi", "filename": str(DATA_DIR / "huey.sqlite3"),
            "immediate": False, "consumer": {"workers": 2, "worker_type": "thread"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                          "LOCATION": "gongzhi_cache"}}
if env.bool("GONGZHI_HUEY_IMMEDIATE", default=False):
    HUEY["immediate"] = True

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "gongzhi.common.rest.pagination.PagePagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "gongzhi.common.rest.schema.ErrorDocumentingAutoSchema",
    "EXCEPTION_HANDLER": "gongzhi.common.rest.errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer",
                                 "rest_framework.renderers.BrowsableAPIRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Gongzhi API",
    "DESCRIPTION": "Grassroots governance: organisation registry, work orders and the modules around them.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Served from our own static files (npm's swagger-ui-dist), so the docs work with no internet.
    "SWAGGER_UI_DIST": "/static/vendor/swagger-ui",
    "SWAGGER_UI_FAVICON_HREF": "/static/vendor/swagger-ui/favicon-32x32.png",
    "COMPONENT_SPLIT_REQUEST": True,
    # Tag and name operations by resource ("units", "units_list"), not by the version prefix.
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    # Several models have a "kind"; each choice set gets its own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "gongzhi.org.models.UnitKind",
        "DepartmentKindEnum": "gongzhi.org.models.DepartmentKind",
        "PartyOrganisationKindEnum": "gongzhi.org.models.PartyOrganisationKind",
        "AssessmentPeriodKindEnum": "gongzhi.assessment.models.PeriodKind",
        "AssessmentPeriodStateEnum": "gongzhi.assessment.models.PeriodState",
        "AssessmentItemKindEnum": "gongzhi.assessment.models.ManualItemKind",
        "AppealStateEnum": "gongzhi.assessment.models.AppealState",
        "ReviewSessionStateEnum": "gongzhi.assessment.models.ReviewSessionState",
        "ReviewCriterionSourceEnum": "gongzhi.assessment.models.CriterionSource",
        "CadrePostKindEnum": "gongzhi.assessment.models.PostKind",
        # Named too, since the assessment's "state", "kind" and "source" fields share their names.
        "OrderStateEnum": "gongzhi.orders.models.OrderState",
        "CredentialKindEnum": "gongzhi.workforce.models.CredentialKind",
        "RecruitmentSourceEnum": "gongzhi.workforce.models.RecruitmentSource",
    },
}

AUDITLOG_INCLUDE_ALL_MODELS = False

# Reporters' personal data is purged after this many days (principle 4 of DESIGN.md).
GONGZHI_REPORTER_RETENTION_DAYS = env.int("GONGZHI_REPORTER_RETENTION_DAYS", default=365)
GONGZHI_DEMO_PASSWORD = env.str("GONGZHI_DEMO_PASSWORD", default="gongzhi-demo")
# Key for personal data encrypted at rest (workers' identity numbers). Empty: derived from
# SECRET_KEY, so rotating that secret would make stored numbers unreadable; set it in production.
GONGZHI_FIELD_KEY = env.str("GONGZHI_FIELD_KEY", default="")
# Unit maps draw boundaries on a blank canvas, so they work offline; set a tile URL (with its
# attribution) to draw them over a base map, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png
GONGZHI_MAP_TILE_URL = env.str("GONGZHI_MAP_TILE_URL", default="")
GONGZHI_MAP_TILE_ATTRIBUTION = env.str("GONGZHI_MAP_TILE_ATTRIBUTION", default="")
# How many reverse proxies in front of the app append to X-Forwarded-For: the public doors' rate
# limits count per caller address, which behind a proxy only the header knows (open311/throttling.py).
GONGZHI_TRUSTED_PROXIES = env.int("GONGZHI_TRUSTED_PROXIES", default=0)

if not DEBUG:
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "jieba": {"level": "WARNING"},
                # huey installs its own handler; without this every worker line appears twice.
                "huey": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
