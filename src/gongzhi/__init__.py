"""Gongzhi (共治): a platform for a city's grassroots governance."""
