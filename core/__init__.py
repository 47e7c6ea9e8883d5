"""The Qt-free core: the 2021 format, the report model, the rules, files and exporters."""

__version__ = "0.1.0"
