"""Templates compiled ahead by Jinja2 (see render/shipped_templates.py); written by `make templates`, never by hand."""
