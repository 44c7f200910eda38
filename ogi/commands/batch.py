"""`ogi batch INPUT_DIR -o OUT_DIR [--workers N] [--engine local|dask] [--scheduler ADDRESS]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import OgiError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "batch",
        help="批量解析、核查一个目录的年度报告，输出 Parquet / parse and check a corpus into Parquet",
        description="递归读取目录中的全部年度报告（任意格式），逐份解析、核查，写出 reports、cells、findings 三张 Parquet 表；"
        "中断后再次运行只处理未完成的文件。 / Read every report under a directory (any format), parse and check each, "
        "and write the reports, cells and findings tables as Parquet; a rerun resumes where it stopped.",
    )
    p.add_argument("input", metavar="INPUT_DIR", help="报告所在目录 / directory of reports")
    p.add_argument("-o", "--out", required=True, metavar="OUT_DIR", help="输出目录 / output directory")
    p.add_argument("--workers", type=int, default=None,
                   help="并行进程数（默认：CPU 核数）/ worker processes (default: the CPU count)")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local：本机进程池（默认）；dask：Dask 集群 / local process pool (default) or a Dask cluster")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask 调度器地址，如 tcp://10.0.0.1:8786（不给则在本机起一个）/ "
                   "Dask scheduler address (a local cluster when omitted)")
    p.add_argument("--part-size", type=int, default=500,
                   help="每个 Parquet 分片的报告数 / reports per Parquet part (default 500)")
    p.add_argument("--retry-errors", action="store_true", help="重新处理上次读取失败的文件 / redo files that failed")
    p.add_argument("--no-link", action="store_true",
                   help="不做机关关联和跨年度核查 / skip agency linking and the cross-year checks")
    p.add_argument("--wait", action="store_true",
                   help="输出目录被另一次运行占用时等待（默认立即拒绝） / wait when another run holds the output directory")
    p.add_argument("-q", "--quiet", action="store_true", help="不显示进度 / no progress bar")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    src = Path(args.input)
    if not src.is_dir():
        raise OgiError("batch.no_input", "输入目录不存在或不是目录", "input directory not found or not a directory",
                       args.input)
    if args.engine == "local" and args.scheduler:
        raise OgiError("usage.error", "--scheduler 仅用于 --engine dask", "--scheduler goes with --engine dask")
    if args.workers is not None and args.workers < 1 or args.part_size < 1:
        raise OgiError("usage.error", "--workers 和 --part-size 须为正整数", "--workers and --part-size must be positive")
    try:
        from ..batch import run_batch
        from ..batch.document import environ_workers
    except ImportError as e:
        raise OgiError("batch.not_installed", f"批量处理需要安装 ogi[batch]（{e.name}）",
                       f"batch processing needs ogi[batch] ({e.name})") from None
    workers = args.workers or environ_workers()
    try:
        result = run_batch(src, args.out, workers=workers, engine=args.engine, scheduler=args.scheduler,
                           part_size=args.part_size, quiet=args.quiet, retry_errors=args.retry_errors,
                           link=not args.no_link, wait=args.wait)
    except OSError as e:
        raise OgiError("batch.io", f"无法写入输出目录：{e.strerror}", f"cannot write the output directory: {e.strerror}",
                       args.out) from None
    if not args.quiet:
        print(f"共 {result.found} 份，已完成跳过 {result.skipped} 份，本次处理 {result.processed} 份"
              f"（无法读取 {result.errors} 份），用时 {result.seconds:.1f} 秒，{result.rate:.1f} 份/秒 / "
              f"{result.found} files, {result.skipped} already done, {result.processed} processed "
              f"({result.errors} unreadable) in {result.seconds:.1f} s, {result.rate:.1f} reports/s", file=sys.stderr)
    return 0
