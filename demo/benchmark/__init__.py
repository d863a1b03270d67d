"""What ``manage.py benchmark`` fills its throwaway database with and how it measures;
the command itself (demo/management/commands/benchmark.py) runs and reports."""
