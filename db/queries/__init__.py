"""Every query the pages and the CLI use, one module per subject."""
