"""管理: the web application on a workspace (``medaid serve``)."""

from __future__ import annotations

from pathlib import Path

import click

from medaid.cli.base import command, workspace_argument


@command("serve", section="管理", example="medaid serve 工作区 --host 127.0.0.1 --port 8000")
@workspace_argument()
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址（对外服务请放在 HTTPS 反向代理之后）")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="端口")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="工作进程数（多于 1 个时会话与审计日志须在共享的应用数据库，见 MEDAID_APP_URL）")  # fmt: skip
@click.option("--allow-http", is_flag=True, default=False,
              help="允许经明文 HTTP（非本机地址）登录：会话 Cookie 不带 Secure 标记，仅供内网试用")  # fmt: skip
def serve_command(directory: Path, host: str, port: int, workers: int, allow_http: bool) -> None:
    """启动网页版：工作台、数据导入、核查台账、预警、绩效评价、报告、政策计算、审计日志与账户管理。

    登录账户由 medaid accounts add … --password-stdin 创建。按 Ctrl+C 停止。
    """
    import os

    import uvicorn

    from medaid.services.server import prepare_server
    from medaid.web.app import ServerOptions
    from medaid.web.main import SERVE_VARIABLE, serve_variable

    served = prepare_server(directory, workers=workers)
    click.echo(f"medaid 网页版：http://{host}:{port}/  （工作区 {served.root}，可登录账户 {served.accounts} 个）")
    if served.accounts == 0:
        click.echo("尚无可登录的账户：请先运行 medaid accounts add 工作区 账户名 --role admin --password-stdin",
                   err=True)  # fmt: skip
    os.environ[SERVE_VARIABLE] = serve_variable(served.root, ServerOptions(allow_http=allow_http, workers=workers))
    uvicorn.run("medaid.web.main:app_from_environment", factory=True, host=host, port=port, workers=workers,
                proxy_headers=True, forwarded_allow_ips="127.0.0.1", log_level="info")  # fmt: skip
