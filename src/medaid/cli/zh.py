"""Click in Chinese: every message click itself prints (用法, 选项, 错误, missing options,
choices, defaults, type names) is looked up here instead of in English.

Click marks its words with :func:`gettext.gettext` / :func:`gettext.ngettext`, bound at import
in each of its modules as ``_`` and ``ngettext``. :func:`install` points those names at this
catalog, so no locale files, environment variables or process-wide gettext state are needed.
A click word missing here stays English; ``tests/test_cli_chinese.py`` reads click's own
sources and fails when a word of the installed click has no translation.
"""

from __future__ import annotations

import importlib

CATALOG: dict[str, str] = {
    # formatting and help
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "required": "必填",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    "Do you want to continue?": "是否继续？",
    "Confirm the action without prompting.": "不经询问直接确认。",
    # errors
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "用“{command} {option}”查看帮助。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少命令。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Did you mean {possibility}?": "是否应为 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是否应为以下之一：{possibilities}？）",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "unknown error": "未知错误",
    "Aborted!": "已取消。",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Invalid start character for option ({option})": "选项的起始字符无效（{option}）",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "Value must be an iterable.": "值应为列表。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，实际给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，实际给了 {len} 个。",
    "{len_type} values are required, but {len_value} was given.": "需要 {len_type} 个值，实际给了 {len_value} 个。",
    "{len_type} values are required, but {len_value} were given.": "需要 {len_type} 个值，实际给了 {len_value} 个。",
    "Error: The two entered values do not match.": "错误：两次输入的值不一致。",
    "Error: invalid input": "错误：输入无效",
    "Repeat for confirmation": "请再输入一次确认",
    "Press any key to continue...": "按任意键继续……",
    # values and types
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "{value!r} is not {choice}.": "{value!r} 不是可选值 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是可选值之一：{choices}。",
    "Choice({choices})": "可选值（{choices}）",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} 不是有效的是否值，可用：{states}",
    "{value!r} is not a valid UUID.": "{value!r} 不是有效的 UUID。",
    "{value!r} does not match the format {format}.": "{value!r} 不符合格式 {format}。",
    "{value!r} does not match the formats {formats}.": "{value!r} 不符合以下任一格式：{formats}。",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件，不是文件夹。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹，不是文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 不可执行。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    # rarely seen, translated so that nothing of click is left in English
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": "提示：命令 {name!r} 已弃用。{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": "提示：{param_type} {name!r} 已弃用。{extra_message}",
    "Could not determine name for option with declarations {decls!r}": "无法确定选项 {decls!r} 的名称",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? Did you mean to pass '--{name}'?": "未定义选项却给了名称（{name}）：应声明为参数，或写作 '--{name}'？",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.": "参数只能有一个声明，实际有 {length} 个：{decls}。",
    "Name '{name}' defined twice": "名称“{name}”重复定义",
    "Boolean option {decl!r} cannot use the same flag for true/false.": "是否选项 {decl!r} 的真假不能用同一写法。",
    "Couldn't detect Bash version, shell completion is not supported.": "无法识别 Bash 版本，不支持命令补全。",
    "Shell completion is not supported for Bash versions older than 4.4.": "Bash 4.4 以下版本不支持命令补全。",
    "Unknown color {colour!r}": "未知的颜色 {colour!r}",
    "Unknown standard stream '{name}'": "未知的标准流“{name}”",
    "{editor}: Editing failed": "{editor}：编辑失败",
    "{editor}: Editing failed: {e}": "{editor}：编辑失败：{e}",
    "Windows error: {error}": "Windows 错误：{error}",
    "d": "d",
}  # fmt: skip

# The names click gives its parameter types: shown as metavars (整数) and in messages.
TYPE_NAMES: dict[str, str] = {
    "IntParamType": "整数",
    "FloatParamType": "数字",
    "BoolParamType": "是否值",
    "StringParamType": "文本",
    "UnprocessedParamType": "文本",
    "IntRange": "整数",
    "FloatRange": "数字",
    "DateTime": "日期时间",
    "File": "文件",
    "Tuple": "多个值",
}

CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils",
                 "shell_completion", "_termui_impl")  # fmt: skip


def gettext(message: str) -> str:
    return CATALOG.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return gettext(singular if count == 1 else plural)


def install() -> None:
    """Make click speak Chinese (idempotent)."""
    import click.types

    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
    for type_name, label in TYPE_NAMES.items():
        getattr(click.types, type_name).name = label
