"""The charter grammar (`charter.lark`), shipped inside the wheel as package data."""
