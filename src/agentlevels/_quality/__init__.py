"""Quality reviews: checklists, the reviews a lead fills in, their scores and the QA metrics."""
