"""Browser tests (`make e2e`); a package so their module names do not clash with the plain tests'."""
