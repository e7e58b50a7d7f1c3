"""Painting the report with QtGui (no widgets): the PDF export, the print preview's pages, the 图解 graphic.

This layer sits between the Qt-free ``gkdesk.io`` (which builds what to show: ``export_layout``) and the widgets of
``gkdesk.ui``; the CLI uses it for the outputs only Qt's painter can make. It never imports QtWidgets.
"""
