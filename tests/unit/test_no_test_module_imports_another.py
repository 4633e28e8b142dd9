"""Test modules share through conftest.py fixtures, tests/builders.py and helper modules, never by
importing another test module or a conftest (whose fixtures pytest already provides)."""

import ast
from pathlib import Path

TESTS_DIR = Path(__file__).resolve().parent.parent


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            names.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def _is_test_or_conftest(module: str) -> bool:
    ours = module.startswith(("tests.", "."))  # absolute within tests/, or relative
    last = module.rsplit(".", 1)[-1]
    return ours and (last.startswith("test_") or last == "conftest")


def test_no_module_under_tests_imports_a_test_module_or_a_conftest() -> None:
    imports = {str(path.relative_to(TESTS_DIR)): _imported_modules(path) for path in TESTS_DIR.rglob("*.py")}
    offenders = {path: sorted(filter(_is_test_or_conftest, modules)) for path, modules in imports.items()}
    assert {path: modules for path, modules in offenders.items() if modules} == {}
