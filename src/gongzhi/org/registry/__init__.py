"""Moving the whole organisation registry in and out of the platform: an Excel workbook for the
records offices keep in spreadsheets, a GeoJSON FeatureCollection for unit boundaries.

Both imports check every row before writing anything and report each problem with its place in
the file; when there is any problem nothing is written. Rows that pass are written through the
org services, so each one records its domain event like any other change. The file format is
described in ``docs/registry-import-export.md``.
"""
