"""infoshare: may agency X share information item Y about a person with recipient Z for purpose P?"""

__version__ = "0.1.0"
