"""Case difficulty, staff proficiency and the assignment optimiser."""
