"""Excel for the workforce: importing workers (every row checked, nothing written on any problem)
and exporting pay runs. The import reads workbooks the way the registry import does (row 1 the
columns' machine names, row 2 their labels, data from row 3) and reports problems in its shape."""
