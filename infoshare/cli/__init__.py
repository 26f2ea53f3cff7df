"""The commands: parse the arguments, call the module that does the work, print what it returns."""
