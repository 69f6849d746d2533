"""Scenario files: level schemes and badge sets tested as data, with clause coverage."""
