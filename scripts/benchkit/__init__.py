"""What the benchmarks in scripts/ (bench_wizard.py, bench_roster.py, bench_nginx.py) are made of.

- common.py: what every benchmark does alike: build the site into a temporary folder, start Chromium, the
  machine and load-average line, medians, formats, the report written into build/bench/ (or --out);
- wizard_site.py, wizard_visit.py, wizard_table.py: the wizard's benchmark pages, one visit, its table;
- roster_files.py, roster_speed.py, roster_limits.py: the rosters made up, rows per second, the largest file.

The entry points import it from scripts/ (their own folder, first on sys.path); the pages and scripts the
browser is given live beside it, in scripts/bench/.
"""
