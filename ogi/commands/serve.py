"""`ogi serve` (the workbench on a production WSGI server) and `ogi worker` (its background tasks)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from ..errors import OgiError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from ogi.server.conf import SETTINGS

    p = sub.add_parser(
        "serve",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="环境变量 / settings:\n" + "\n".join(f"  {s.name}（默认 {s.default or '空'}）：{s.doc}" for s in SETTINGS),
        help="启动政府信息公开工作台（网页） / start the web workbench",
        description="启动工作台：应用数据库迁移，提供静态文件，用 waitress 服务。设置见环境变量 OGI_*（README）。"
        " / Start the workbench: migrations applied, static files served, waitress as the server.",
    )
    p.add_argument("--data", metavar="DIR", help="数据目录（默认 ./ogi-data，或 OGI_DATA） / data folder")
    p.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1） / host")
    p.add_argument("--port", type=int, default=8000, help="端口（默认 8000） / port")
    # One process more than cores: a process waiting on the database leaves its core to another.
    # Eight threads each, with Python's lock passed every 1 ms (`run_serve`), so that a page from the
    # cache does not queue behind pages being rendered (benchmarks/server_speed.py, portal_speed.py).
    p.add_argument("--threads", type=int, default=8, help="每个进程的工作线程数（默认 8） / threads per process")
    p.add_argument("--processes", type=int, default=min((os.cpu_count() or 1) + 1, 8),
                   help="服务进程数（默认为 CPU 核数加 1，至多 8） / server processes (default: CPU cores + 1, at most 8)")
    p.add_argument("--demo", action="store_true",
                   help="载入演示地区、各角色用户和一年的申请（数据库为空时） / load demo data when empty")
    p.add_argument("--no-worker", action="store_true",
                   help="不随服务启动后台任务进程 / do not start `ogi worker` alongside")
    p.set_defaults(handler=run_serve)

    w = sub.add_parser("worker", help="执行后台任务（生成 PDF、发送邮件） / run background tasks",
                       description="运行 django-tasks 数据库后端的任务进程。 / Run the django-tasks database worker.")
    w.add_argument("--data", metavar="DIR", help="数据目录 / data folder")
    w.add_argument("--batch", action="store_true", help="处理完现有任务后退出 / exit when the queue is empty")
    w.set_defaults(handler=run_worker)

    a = sub.add_parser("add-admin", help="创建系统管理员账户（首次使用时） / create a system administrator",
                       description="创建（或重设密码的）系统管理员，用于首次登录后建立地区、机关和人员。"
                       " / Create a system administrator (or reset its password) to set up regions, agencies and people.")
    a.add_argument("username")
    a.add_argument("--data", metavar="DIR", help="数据目录 / data folder")
    a.add_argument("--name", default="", help="姓名 / full name")
    a.add_argument("--password-env", metavar="VAR",
                   help="从该环境变量读取密码（默认交互输入） / read the password from this variable (default: prompt)")
    a.set_defaults(handler=run_add_admin)

    m = sub.add_parser("due-mail", help="向经办人、审核人发送当日到期清单邮件（供每日定时执行） / e-mail today's due lists",
                       description="每位有到期事项的经办人、审核人收到一封邮件：已逾期、今日到期和三个工作日内到期的申请。"
                       " / One e-mail per officer with something overdue, due today or within three working days.")
    m.add_argument("--data", metavar="DIR", help="数据目录 / data folder")
    m.add_argument("--date", metavar="DATE", help="以该日为今天（默认今天） / the day taken as today")
    m.set_defaults(handler=run_due_mail)


def _setup(data: str | None) -> None:
    if data:
        os.environ["OGI_DATA"] = str(Path(data).resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogi.server.settings")
    try:
        import django
    except ImportError:
        raise OgiError("server.not_installed", "未安装工作台组件：请执行 pip install 'ogi[server]'",
                       "the server extra is not installed") from None
    from ogi.server.conf import SettingError

    try:
        django.setup()
    except SettingError as err:
        raise OgiError("server.setting", str(err), str(err)) from None


def prepare(demo: bool = False) -> dict[str, Any] | None:
    """Migrations, static files, and the demo data when asked and the database is empty."""
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if demo:
        from ogi.server import demo as demo_data

        if not demo_data.loaded():
            return demo_data.load(timezone.localdate())
        return {"users": [(u, n, r) for u, n, r, _ in demo_data.USERS], "applications": None}
    return None


def run_serve(args: argparse.Namespace) -> int:
    _setup(args.data)
    from django.conf import settings

    info = prepare(args.demo)
    from waitress import serve

    from ogi.server.wsgi import application

    print(f"OGI 政府信息公开工作台 / workbench: http://{args.host}:{args.port}/", flush=True)
    print(f"数据目录 / data: {settings.DATA_DIR}  数据库 / database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
    if info:
        from ogi.server.demo import PASSWORD

        if info["applications"] is not None:
            print(f"已载入演示数据：{info['applications']} 件申请 / demo data loaded")
        print(f"演示账户（密码均为 {PASSWORD}） / demo logins (password {PASSWORD}):")
        for username, name, role in info["users"]:
            print(f"  {username:<10} {role}  {name}")
    from django.contrib.auth import get_user_model

    if not get_user_model().objects.exists():
        print(f"尚无用户：请先运行 ogi add-admin 用户名 --data {settings.DATA_DIR}（或用 --demo 载入演示数据） / "
              "no users yet: run ogi add-admin NAME first (or --demo)")
    worker = None
    if not args.no_worker and settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db"):
        worker = subprocess.Popen([sys.executable, "-m", "ogi", "worker", "--data", str(settings.DATA_DIR)],
                                  env={**os.environ})
    # The whole request body is capped too: an upload cannot fill the disk (OGI_MAX_UPLOAD_BYTES).
    options = {"threads": args.threads, "ident": "OGI", "max_request_body_size": settings.MAX_UPLOAD_BYTES + 1048576}
    # A thread waiting for Python's lock gets it after 1 ms instead of 5: a page served from the
    # cache (under 1 ms of work) does not wait several turns behind pages being rendered.
    sys.setswitchinterval(0.001)
    try:
        if args.processes <= 1 or not hasattr(os, "fork"):
            serve(application, host=args.host, port=args.port, **options)
        else:
            _serve_forked(application, args.host, args.port, args.processes, options)
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=10)
    return 0


def _die_with_parent() -> None:
    """Linux: a server process ends when the process that started it ends, even by kill -9."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, 15)  # PR_SET_PDEATHSIG, SIGTERM
    except (OSError, AttributeError):
        pass


def _serve_forked(application: Callable[..., Any], host: str, port: int, processes: int, options: dict[str, Any]) -> None:
    """Several waitress processes on one listening socket: Python runs one thread at a time per
    process, so the cores are used by processes (each with its threads)."""
    import signal
    import socket

    from django.db import connections
    from waitress import serve

    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    connections.close_all()  # each process opens its own database connections
    children = []
    for _ in range(processes):
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            _die_with_parent()
            try:
                serve(application, sockets=[sock], **options)
            finally:
                os._exit(0)
        children.append(pid)

    def stop(signum: int, frame: object) -> NoReturn:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        for pid in children:
            os.waitpid(pid, 0)
    except KeyboardInterrupt:
        pass
    finally:
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for pid in children:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass


def run_worker(args: argparse.Namespace) -> int:
    _setup(args.data)
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    argv = ["--queue-name", "*", "--interval", "1", "--no-reload"]
    if args.batch:
        argv.append("--batch")
    try:
        call_command("db_worker", *argv)
    except KeyboardInterrupt:
        return 130
    return 0


def run_due_mail(args: argparse.Namespace) -> int:
    import datetime as dt

    _setup(args.data)
    from django.utils import timezone

    from ogi.ledger import LedgerError
    from ogi.server.cases.mail import send_due_lists

    try:
        today = dt.date.fromisoformat(args.date) if args.date else timezone.localdate()
        n = send_due_lists(today)
    except ValueError:
        raise OgiError("usage.error", f"日期「{args.date}」无效（应为 YYYY-MM-DD）", "invalid date (YYYY-MM-DD)",
                       "--date") from None
    except LedgerError:
        raise
    except OSError as err:
        raise OgiError("server.mail", f"发信失败：{err}", f"could not send mail: {err}") from None
    print(f"已发送 {n} 封到期清单邮件 / {n} due lists sent")
    return 0


def run_add_admin(args: argparse.Namespace) -> int:
    import getpass

    _setup(args.data)
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.core.management import call_command

    from ogi.server.orgs.services import admin_create

    call_command("migrate", interactive=False, verbosity=0)
    if args.password_env:
        password = os.environ.get(args.password_env, "")
    else:
        password = getpass.getpass("密码 / password: ")
        if getpass.getpass("再次输入 / again: ") != password:
            raise OgiError("server.password", "两次输入的密码不一致", "the passwords differ")
    try:
        validate_password(password)
        admin_create(args.username, password, args.name)
    except ValidationError as err:
        raise OgiError("server.password", "密码不可用：" + "；".join(err.messages), "password refused") from None
    print(f"系统管理员 {args.username} 已就绪 / system administrator {args.username} ready")
    return 0
