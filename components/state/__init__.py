"""Every setting and every word: the settings and their checks, the typed formula, the translation table, the
presets."""
