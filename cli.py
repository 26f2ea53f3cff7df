"""Run infoshare from a checkout: `python cli.py check …` behaves exactly like `infoshare check …`."""

from infoshare.cli.quick import main

if __name__ == "__main__":
    main()
