"""The eight 清廉单元 standards as data (YAML)."""
