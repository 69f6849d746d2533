"""The formula language: text -> nodes -> checked -> compiled."""
