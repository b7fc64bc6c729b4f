"""The inventory to and from other formats: JSON, IAB TCF, the consent banner, Zensical, the Open
Cookie Database import.
"""
