"""Every setting of the workbench, declared once: name, default and what it does.

`ogi serve --help` and the README list them from here; `settings.py` reads nothing else from
the environment. A value that cannot be read (a port that is not a number…) stops the server
with a one-line message naming the variable.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    doc: str


SETTINGS: tuple[Setting, ...] = (
    Setting("OGI_DATA", "./ogi-data", "数据目录（SQLite 数据库、生成的文书） / data folder (SQLite database, notices)"),
    Setting("OGI_DATABASE_URL", "", "PostgreSQL 连接串，空则用数据目录中的 SQLite / PostgreSQL URL; empty: SQLite in OGI_DATA"),
    Setting("OGI_SECRET_KEY", "", "会话签名密钥，空则在数据目录中生成并保存 / signing key; empty: generated once into OGI_DATA"),
    Setting("OGI_DEBUG", "0", "调试模式（仅开发用） / debug mode (development only)"),
    Setting("OGI_ALLOWED_HOSTS", "127.0.0.1,localhost", "允许的主机名，逗号分隔 / allowed host names, comma separated"),
    Setting("OGI_CSRF_TRUSTED_ORIGINS", "", "反向代理后的来源，逗号分隔 / trusted origins behind a proxy"),
    Setting("OGI_SECURE_COOKIES", "0", "仅经 HTTPS 发送 Cookie / cookies over HTTPS only"),
    Setting("OGI_LANGUAGE", "zh-hans", "默认界面语言（zh-hans 或 en） / default language"),
    Setting("OGI_TIME_ZONE", "Asia/Shanghai", "时区，决定“今天” / time zone that decides what today is"),
    Setting("OGI_LOCKOUT_ATTEMPTS", "5", "连续登录失败几次后锁定 / failed logins before lockout"),
    Setting("OGI_LOCKOUT_MINUTES", "15", "锁定分钟数 / lockout minutes"),
    Setting("OGI_MAX_UPLOAD_BYTES", "10485760", "上传文件大小上限（字节） / upload size limit in bytes"),
    Setting("OGI_EMAIL_HOST", "", "发信服务器，空则不发邮件（写入日志） / SMTP host; empty: mail goes to the log"),
    Setting("OGI_EMAIL_PORT", "25", "发信端口 / SMTP port"),
    Setting("OGI_EMAIL_USER", "", "发信账号 / SMTP user"),
    Setting("OGI_EMAIL_PASSWORD", "", "发信密码 / SMTP password"),
    Setting("OGI_EMAIL_TLS", "0", "使用 STARTTLS / use STARTTLS"),
    Setting("OGI_EMAIL_FROM", "ogi@localhost", "发件人地址 / sender address"),
    Setting("OGI_TASKS", "database", "后台任务：database（由 ogi worker 执行）或 immediate（请求内执行） / background tasks backend"),
    Setting("OGI_SOFFICE", "soffice", "LibreOffice 可执行文件，用于生成 PDF / LibreOffice binary for PDFs"),
)
_BY_NAME = {s.name: s for s in SETTINGS}


class SettingError(ValueError):
    pass


def get(name: str) -> str:
    return os.environ.get(name, _BY_NAME[name].default)


def get_int(name: str) -> int:
    raw = get(name)
    try:
        return int(raw)
    except ValueError:
        raise SettingError(f"环境变量 {name}=「{raw}」应为整数 / {name} must be an integer") from None


def get_bool(name: str) -> bool:
    return get(name).strip().lower() in ("1", "true", "yes", "on")


def get_list(name: str) -> list[str]:
    return [x.strip() for x in get(name).split(",") if x.strip()]


def data_dir() -> Path:
    path = Path(get("OGI_DATA")).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key() -> str:
    key = get("OGI_SECRET_KEY")
    if key:
        return key
    path = data_dir() / "secret_key"
    if not path.exists():
        import secrets

        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()
