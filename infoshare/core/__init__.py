"""The decision core: load and check the rule data, compile conditions, evaluate them, decide.

It returns language-free decisions (rule, provision and fact ids, warning codes); nothing here imports render/ or the
message catalogue (tests/test_layout.py holds it to that)."""
