"""The demo data set: a fictional region (Заречная область) as real DOCX and PDF files.

`region` holds the deterministic facts (institutions, five years of scores, the plan, the
improvement plans), `docx_files` and `pdf_files` type them as documents of each genre,
`build` writes the set into a folder and `load` ingests it so a new user sees full dashboards.
"""
