"""Recognising the three official tables in any shape a report comes in.

Every reader (Word, PDF, text, web page, .doc) hands its table regions over as paragraphs and rows of cells; this
package turns them into one stream of text and number tokens with the layout hints the source gave
(``tokens``), aligns that stream against the official row sequence of each form (``tables``, with the vocabulary
derived from ``gkdesk.domain.forms`` in ``vocabulary``) and splits figures that ran together by the consistency
rules (``digits``). What cannot be placed with certainty stays unread, with the reason in the import log.
"""
