"""Conditions in words: phrases, sentences, progress and plural rules."""
