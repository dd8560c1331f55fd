"""The assessment's pages (views/periods.py and views/reviews.py)."""
