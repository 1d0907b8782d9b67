"""The papers as Word files (.docx) in the layout of Decree 30/2020, for offices that edit before they sign.

Built with python-docx: `layout` sets up the page and writes text safely,
`html` turns the very HTML a PDF is printed from into Word paragraphs and
tables (so the .docx always says what the PDF says, columns included), and
`papers` and `reports` are the documents.
"""
