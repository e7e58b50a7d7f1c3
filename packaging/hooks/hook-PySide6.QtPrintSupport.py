"""gkdesk's Qt hook: PyInstaller's own, minus the plugins/translations packaging/bundle_rules.py drops."""

from bundle_rules import trimmed_qt_dependencies

hiddenimports, binaries, datas = trimmed_qt_dependencies(__file__)
